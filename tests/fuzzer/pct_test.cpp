// The PCT scheduler (simkernel/sched/sched_policy.h, `--scheduler pct`):
// priorities and change points as Burckhardt et al. define them, the same
// seed making the same schedule, and its findings replaying byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "fuzzer/campaign/run.h"
#include "simkernel/kernel/task.h"
#include "simkernel/sched/sched_policy.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;

namespace {

std::vector<sk::task_struct> tasks(int n) {
  std::vector<sk::task_struct> t(static_cast<size_t>(n));
  for (int i = 0; i < n; i++) t[static_cast<size_t>(i)].pid = i + 1;
  return t;
}

}  // namespace

TEST(Pct, DepthMinusOneChangePointsWithinTheSteps) {
  for (uint64_t seed = 1; seed <= 50; seed++) {
    sk::PctPolicy p(seed, 4, 1000);
    const auto& cp = p.change_points();
    ASSERT_EQ(cp.size(), 3u);
    EXPECT_TRUE(std::is_sorted(cp.begin(), cp.end()));
    for (uint64_t c : cp) EXPECT_TRUE(c >= 1 && c <= 1000) << c;
  }
  EXPECT_TRUE(sk::PctPolicy(1, 1, 1000).change_points().empty());  // depth 1: priorities never change
}

TEST(Pct, TheHighestPriorityTaskRunsUntilAChangePointDemotesIt) {
  auto t = tasks(3);
  std::vector<sk::task_struct*> all = {&t[0], &t[1], &t[2]};
  // Depth 2 over 100 steps: one change point; before it the same task is
  // picked at every step, whoever was current; at it that task drops below
  // the other two and never runs again while they are runnable.
  for (uint64_t seed = 1; seed <= 20; seed++) {
    sk::PctPolicy p(seed, 2, 100);
    const uint64_t change = p.change_points().at(0);
    size_t first = p.pick(all, &t[0]);
    for (uint64_t step = 2; step < change; step++) EXPECT_EQ(p.pick(all, &t[step % 3]), first) << "step " << step;
    size_t after = p.pick(all, all[first]);
    if (change > 1) {
      EXPECT_NE(after, first) << "seed " << seed;
      for (int i = 0; i < 20; i++) EXPECT_EQ(p.pick(all, all[after]), after);
    }
  }
}

TEST(Pct, SameSeedSameSchedule) {
  auto t = tasks(4);
  std::vector<sk::task_struct*> all = {&t[0], &t[1], &t[2], &t[3]};
  auto trace = [&](uint64_t seed) {
    sk::PctPolicy p(seed, 3, 500);
    std::vector<size_t> v;
    const sk::task_struct* cur = nullptr;
    for (int i = 0; i < 600; i++) {
      size_t k = p.pick(all, cur);
      v.push_back(k);
      cur = all[k];
    }
    return v;
  };
  EXPECT_EQ(trace(9), trace(9));
  EXPECT_NE(trace(9), trace(10));
}

TEST(Pct, CampaignIsDeterministicAndItsFindingReplaysByteForByte) {
  const fs::path a = fs::path(SIMTRINITY_BINARY_DIR) / "pct-test-a", b = fs::path(SIMTRINITY_BINARY_DIR) / "pct-test-b";
  fs::remove_all(a);
  fs::remove_all(b);
  const std::string args = "run -q -s 3 --scheduler pct --pct-depth 2 --pct-steps 20000 ";
  auto one = simtest::simtrinity(args + "-o " + a.string(), "2>/dev/null");
  auto two = simtest::simtrinity(args + "-o " + b.string(), "2>/dev/null");
  ASSERT_EQ(one.status, 1) << one.out;  // 3.8's deadlock needs one task: PCT finds it too
  EXPECT_EQ(one.out, two.out);
  EXPECT_NE(one.out.find("scheduler pct"), std::string::npos) << one.out.substr(0, 300);
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(a)) dirs.push_back(e.path());
  ASSERT_FALSE(dirs.empty());
  for (const auto& d : dirs) {
    std::string prog = simtest::slurp(d / "repro.prog");
    EXPECT_NE(prog.find("--scheduler pct"), std::string::npos);
    EXPECT_NE(prog.find("--pct-depth 2"), std::string::npos);
    auto r = simtest::simtrinity("repro " + (d / "repro.prog").string(), "2>/dev/null");
    EXPECT_EQ(r.status, 1) << d << "\n" << r.out;
  }
}

TEST(Pct, AProgramCanAskForPct) {
  const fs::path dir = fs::path(SIMTRINITY_BINARY_DIR) / "pct-test-prog";
  fs::create_directories(dir);
  const fs::path p = dir / "pct.prog";
  {
    std::FILE* f = std::fopen(p.c_str(), "w");
    std::fputs("kernel 3.8\nschedule pct 5 2\nchild 0\n  rename(\"/proc/1/net/stat/a\", \"/proc/2/net/stat/b\")\n", f);
    std::fclose(f);
  }
  auto r = simtest::simtrinity("repro " + p.string(), "2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("possible deadlock in lock_rename"), std::string::npos) << r.out;
  std::FILE* f = std::fopen(p.c_str(), "w");
  std::fputs("kernel 3.8\nschedule pct 5 0\nchild 0\n", f);
  std::fclose(f);
  auto zero = simtest::simtrinity("repro " + p.string(), "2>&1");
  EXPECT_EQ(zero.status, 2) << zero.out;  // depth 0 is out of range
}

TEST(Pct, RunFlagsSetDepthAndSteps) {
  simtrinity::CampaignOptions o;
  o.flags.scheduler = "pct";
  o.flags.pct_depth = 5;
  o.flags.pct_steps = 77;
  auto plan = simtrinity::campaign_run_plan(o, 0, 1, 1000);
  auto* p = dynamic_cast<sk::PctPolicy*>(plan.policy.get());
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->change_points().size(), 4u);
  for (uint64_t c : p->change_points()) EXPECT_LE(c, 77u);
}
