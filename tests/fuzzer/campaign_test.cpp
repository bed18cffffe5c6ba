// The fuzzer end to end: campaigns find the article's deadlock on 3.8, stay
// silent on 3.9, and are deterministic.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/campaign/junit.h"
#include "fuzzer/campaign/outputs.h"
#include "fuzzer/harness/call_observer.h"
#include "fuzzer/syscalls/syscall_table.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using namespace simtrinity;

namespace {

CampaignOptions base(const std::string& kernel, uint64_t seed) {
  CampaignOptions o;
  o.flags.kernel = kernel;
  o.flags.seed = seed;
  o.flags.quiet = true;
  o.flags.out = "";
  return o;
}

struct Captured {
  CampaignResult r;
  std::string out;
};

Captured run_captured(const CampaignOptions& o) {
  Captured c;
  FILE* f = std::tmpfile();
  c.r = run_campaign(o, f);
  print_stats(c.r, f);
  std::fflush(f);
  std::rewind(f);
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) c.out.append(buf, n);
  std::fclose(f);
  return c;
}

using simtest::slurp;

bool has_title(const CampaignResult& r, const std::string& t) {
  for (const auto& f : r.findings)
    if (f.title == t) return true;
  return false;
}

}  // namespace

TEST(SyscallTable, EverySimulatedSyscallOnceByName) {
  const auto& t = syscall_table();
  EXPECT_EQ(t.size(), static_cast<size_t>(Sys::count_));
  std::set<std::string> names;
  for (size_t i = 0; i < t.size(); i++) {
    EXPECT_EQ(static_cast<size_t>(t[i].nr), i) << t[i].name;
    EXPECT_TRUE(names.insert(t[i].name).second) << t[i].name;
    EXPECT_LE(t[i].args.size(), 6u);
  }
  for (const char* n : {"rename", "renameat", "renameat2", "ioctl", "clone", "unshare", "setns", "getdents64"})
    EXPECT_NE(find_syscall(n), nullptr) << n;
  EXPECT_EQ(find_syscall("nope"), nullptr);
  EXPECT_TRUE(find_syscall("exit")->avoid);
}

TEST(Campaign, FindsTheProcNetDeadlockOn38) {
  auto o = base("3.8", 1);
  auto c = run_captured(o);
  EXPECT_EQ(c.r.exit_code, 1);
  EXPECT_TRUE(has_title(c.r, "possible deadlock in lock_rename")) << c.out.substr(0, 2000);
  EXPECT_NE(c.out.find("Showing all locks held in the system:"), std::string::npos);
  EXPECT_NE(c.out.find("blocked: (&type->i_mutex_dir_key#2/2)"), std::string::npos);
  // The ring: the deadlocked call never returned.
  EXPECT_NE(c.out.find("[child"), std::string::npos);
  EXPECT_NE(c.out.find(") = ...\n"), std::string::npos);
}

TEST(Campaign, FindsTheDeadlockForSeveralSeeds) {
  for (uint64_t seed = 1; seed <= 5; seed++) {
    auto o = base("3.8", seed);
    o.flags.syscalls = 2'000'000;
    o.flags.stop_on_first = true;  // -N is syscalls executed: without it, all 2,000,000 of them
    auto r = run_campaign(o, std::tmpfile());
    EXPECT_TRUE(has_title(r, "possible deadlock in lock_rename")) << "seed " << seed;
  }
}

TEST(Campaign, NothingOn39) {
  auto o = base("3.9", 7);
  o.flags.syscalls = 300'000;
  o.flags.run_length = 50'000;
  o.flags.jobs = 2;
  auto c = run_captured(o);
  EXPECT_EQ(c.r.exit_code, 0);
  EXPECT_EQ(c.r.syscalls, 300'000u);
  EXPECT_TRUE(c.r.findings.empty()) << (c.r.findings.empty() ? "" : c.r.findings[0].text);
}

TEST(Campaign, SameSeedSameBytesWithJobs1) {
  // Under the build directory: /tmp is shared with every other checkout's tests.
  fs::path d1 = fs::path(SIMTRINITY_BINARY_DIR) / "campaign-det1", d2 = fs::path(SIMTRINITY_BINARY_DIR) / "campaign-det2";
  fs::remove_all(d1);
  fs::remove_all(d2);
  auto o = base("3.8", 3);
  o.flags.syscalls = 300'000;
  o.flags.run_length = 20'000;
  o.flags.stop_on_first = false;
  o.flags.out = d1.string();
  fs::create_directories(d1);
  auto a = run_captured(o);
  o.flags.out = d2.string();
  fs::create_directories(d2);
  auto b = run_captured(o);
  EXPECT_EQ(a.out, b.out);
  ASSERT_FALSE(a.r.findings.empty());
  for (const auto& f : a.r.findings)
    for (const char* name : {"report.txt", "repro.prog", "meta.json"})
      EXPECT_EQ(slurp(d1 / f.dir / name), slurp(d2 / f.dir / name)) << f.dir << "/" << name;
  // --jobs 2 merges in run order: the same findings and counts.
  o.flags.jobs = 2;
  o.flags.out = "";
  auto c = run_captured(o);
  EXPECT_EQ(a.out, c.out);
}

TEST(Campaign, SuppressedTitlesDoNotFail) {
  auto o = base("3.8", 1);
  o.flags.syscalls = 100'000;
  o.flags.stop_on_first = false;
  auto r = run_campaign(o, std::tmpfile());
  std::istringstream known_titles([&] {
    std::string s;
    for (const auto& f : r.findings) s += f.title + "\n";
    return s;
  }());
  o.known.load(known_titles);
  auto r2 = run_campaign(o, std::tmpfile());
  EXPECT_EQ(r2.exit_code, 0);
  EXPECT_EQ(r2.new_findings, 0);
  EXPECT_EQ(r2.findings.size(), r.findings.size());
}

TEST(Campaign, OnlyRunReplaysTheFindingRun) {
  auto o = base("3.8", 11);
  auto r = run_campaign(o, std::tmpfile());
  ASSERT_TRUE(has_title(r, "possible deadlock in lock_rename"));
  const Finding* f = nullptr;
  for (const auto& x : r.findings)
    if (x.title == "possible deadlock in lock_rename") f = &x;
  o.flags.only_run = f->first_run;
  auto r2 = run_campaign(o, std::tmpfile());
  ASSERT_TRUE(has_title(r2, f->title));
  for (const auto& x : r2.findings)
    if (x.title == f->title) EXPECT_EQ(x.text, f->text);
}

TEST(Campaign, JsonAndJunit) {
  auto o = base("3.8", 1);
  auto r = run_campaign(o, std::tmpfile());
  std::string j = summary_json(o, r), x = junit_xml(o, r);
  EXPECT_NE(j.find("\"possible deadlock in lock_rename\""), std::string::npos);
  EXPECT_NE(x.find("<testcase"), std::string::npos);
  EXPECT_NE(x.find("<failure message=\"possible deadlock in lock_rename\""), std::string::npos);
}

TEST(Campaign, TwoMillionSyscallsOn39FindNothing) {
  auto o = base("3.9", 2026);
  o.flags.syscalls = 2'000'000;
  o.flags.jobs = 2;
  auto r = run_campaign(o, std::tmpfile());
  EXPECT_EQ(r.syscalls, 2'000'000u);
  EXPECT_TRUE(r.findings.empty()) << (r.findings.empty() ? "" : r.findings[0].text);
  EXPECT_GT(r.stats[static_cast<size_t>(Sys::rename)].calls, 10'000u);
  EXPECT_GT(r.stats[static_cast<size_t>(Sys::ioctl)].calls, 10'000u);
}

TEST(Campaign, RingLinesLookLikeTrinity) {
  auto o = base("3.8", 1);
  auto c = run_captured(o);
  std::regex line(R"(\[child[0-9]+:[0-9]+\] \[[0-9]+\] [a-z0-9_]+\(.*\) = (\.\.\.|-?[0-9]+( \(E[A-Z0-9]+\))?))");
  size_t n = 0;
  std::istringstream is(c.out);
  for (std::string l; std::getline(is, l);)
    if (l.rfind("[child", 0) == 0) {
      EXPECT_TRUE(std::regex_match(l, line)) << l;
      n++;
    }
  EXPECT_GT(n, 16u);
  EXPECT_TRUE(std::regex_search(c.out, std::regex(R"(\] (rename|renameat|renameat2)\(.*/net/.*\) = \.\.\.)"))) << c.out;
}

// Campaigns in one process share nothing: the same campaign twice, with a
// different one (another kernel, the name pool on, more children) run in
// between and after (A B A B), prints the same bytes and records the same
// findings each time. State carried from one campaign to the next (a
// function-local static, a cache keyed by something global, a counter) would
// show as a difference here.
TEST(Campaign, SameProcessTwiceAndInterleavedSameBytes) {
  auto a = base("3.8", 5);
  a.flags.syscalls = 20'000;
  a.flags.run_length = 5'000;
  a.flags.stop_on_first = false;
  auto b = base("6.5", 9);
  b.flags.syscalls = 20'000;
  b.flags.run_length = 10'000;
  b.flags.children = 8;
  b.flags.name_reuse = 50;
  auto a1 = run_captured(a), b1 = run_captured(b), a2 = run_captured(a), b2 = run_captured(b);
  EXPECT_EQ(a1.out, a2.out);
  EXPECT_EQ(b1.out, b2.out);
  EXPECT_NE(a1.out, b1.out);
  ASSERT_FALSE(a1.r.findings.empty());
  ASSERT_EQ(a1.r.findings.size(), a2.r.findings.size());
  for (size_t i = 0; i < a1.r.findings.size(); i++) EXPECT_EQ(a1.r.findings[i].text, a2.r.findings[i].text);
  ASSERT_EQ(b1.r.findings.size(), b2.r.findings.size());
  for (size_t i = 0; i < b1.r.findings.size(); i++) EXPECT_EQ(b1.r.findings[i].text, b2.r.findings[i].text);
  EXPECT_EQ(a1.r.syscalls, a2.r.syscalls);
  EXPECT_EQ(b1.r.syscalls, b2.r.syscalls);
}

// A campaign's observers see the calls of the runs it merges and no others.
// With -N equal to the run length, the worker thread used to start run 1
// before the merge of run 0 said stop; the observers (--log, a test's
// CallObserver) saw none, some or all of a run the campaign never merged,
// as the timing fell (NamePool depths changed from one campaign to the next).
TEST(Campaign, ObserversSeeOnlyTheMergedRuns) {
  struct Count : CallObserver {
    std::atomic<uint64_t> listed{0};
    void after_call(const CallEvent& e) override {
      if (e.listed) listed++;
    }
  };
  for (int i = 0; i < 5; i++) {
    Count c;
    auto o = base("6.8", 7);
    o.flags.syscalls = 10'000;
    o.flags.run_length = 10'000;
    o.flags.stop_on_first = false;
    o.observers.push_back(&c);
    auto r = run_campaign(o, std::tmpfile());
    EXPECT_EQ(r.runs, 1u);
    EXPECT_EQ(c.listed.load(), r.syscalls) << "campaign " << i;
  }
}
