// Every detector can be switched off on its own, and the next one in line
// takes over: wait-for graph -> all-blocked -> hung task -> a stalled run.
#include <gtest/gtest.h>

#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;

namespace {

std::unique_ptr<sk::Kernel> article(sk::WatchdogOptions wo, sk::run_end* end = nullptr) {
  auto k = boot("3.8", wo);
  k->spawn("trinity-child2", [kp = k.get()] { kp->sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x"); });
  sk::run_end e = k->run();
  if (end) *end = e;
  return k;
}

bool has_task(const sk::Kernel& k, const std::string& comm) {
  for (auto* t : k.tasks())
    if (t->comm == comm) return true;
  return false;
}

}  // namespace

TEST(Switches, AllOnByDefault) {
  sk::WatchdogOptions wo;
  EXPECT_TRUE(wo.wait_for_graph && wo.no_runnable && wo.hung_task && wo.lockdep && wo.vfs_invariants);
  EXPECT_EQ(wo.hung_task_timeout_secs, 120u);
  EXPECT_EQ(wo.style, 0);
  auto k = boot("3.8");
  EXPECT_TRUE(has_task(*k, "khungtaskd"));
}

TEST(Switches, WaitForGraphOffGivesAllBlocked) {
  sk::WatchdogOptions wo;
  wo.wait_for_graph = false;
  auto k = article(wo);
  EXPECT_EQ(count_reports(*k, "blocked-self"), 0u);
  const sk::Report* r = find_report(*k, "all-blocked");
  ASSERT_NE(r, nullptr) << kinds(*k);
  EXPECT_TRUE(r->fatal);
  EXPECT_EQ(title_of(*r), "all tasks blocked in lock_rename");
  EXPECT_LT(k->now_ns(), kSec);
  EXPECT_NE(r->text.find("\nWARNING: all tasks blocked\n"), std::string::npos);
  EXPECT_NE(r->text.find("1 task in D state, none runnable:\n"), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("Showing all locks held in the system:\n4 locks on stack by trinity-child2/"),
            std::string::npos);
}

TEST(Switches, NoRunnableOffToo) {
  sk::WatchdogOptions wo;
  wo.wait_for_graph = false;
  wo.no_runnable = false;
  auto k = article(wo);
  EXPECT_EQ(count_reports(*k, "all-blocked"), 0u);
  EXPECT_NE(find_report(*k, "hung"), nullptr) << kinds(*k);
}

TEST(Switches, AllBlockingDetectorsOffStallsQuietly) {
  sk::WatchdogOptions wo;
  wo.wait_for_graph = false;
  wo.no_runnable = false;
  wo.hung_task = false;
  sk::run_end end{};
  auto k = article(wo, &end);
  EXPECT_FALSE(has_task(*k, "khungtaskd"));
  EXPECT_EQ(end, sk::run_end::stalled);
  for (const auto& r : k->reports()) EXPECT_FALSE(r.fatal) << kind_of(r);
}

TEST(Switches, LockdepOff) {
  sk::WatchdogOptions wo;
  wo.lockdep = false;
  auto k = article(wo);
  EXPECT_EQ(count_reports(*k, "same-instance"), 0u);
  EXPECT_EQ(count_reports(*k, "blocked-self"), 1u);
  auto k2 = boot("3.8", wo);
  TestLocks l(*k2);
  for (int i = 0; i < 2; i++) {
    k2->spawn("c", [&k2, &l, i] {
      KFRAME(sys_rmdir);
      lock_pair_at(*k2, i ? &l.b : &l.a, i ? &l.a : &l.b);
      sk::mutex_unlock(&l.a);  // bad unlock
    });
    k2->run();
  }
  EXPECT_TRUE(k2->reports().empty()) << kinds(*k2);
}

TEST(Switches, VfsInvariantsOff) {
  sk::WatchdogOptions wo;
  wo.vfs_invariants = false;
  auto k = article(wo);
  EXPECT_EQ(count_reports(*k, "dentry-alias"), 0u);
  EXPECT_EQ(count_reports(*k, "blocked-self"), 1u);
  auto k_on = article(sk::WatchdogOptions{});
  EXPECT_EQ(count_reports(*k_on, "dentry-alias"), 1u);
}

TEST(Switches, NoWatchdogAtAll) {
  sk::KernelOptions o;
  o.profile = "3.8";
  o.watchdog = false;
  sk::Kernel k(std::move(o));
  EXPECT_EQ(k.watchdog(), nullptr);
  k.spawn("trinity-child2", [&k] { k.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x"); });
  EXPECT_EQ(k.run(), sk::run_end::stalled);
  EXPECT_TRUE(k.reports().empty());
}
