// khungtaskd in virtual time: a task in D state for hung_task_timeout_secs
// is reported with the 3.x INFO lines, task line, trace and held locks; a
// task blocked for less is not.
#include <gtest/gtest.h>

#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;

namespace {

sk::WatchdogOptions hung_only(unsigned timeout = 120) {
  sk::WatchdogOptions wo;
  wo.wait_for_graph = false;
  wo.no_runnable = false;
  wo.hung_task_timeout_secs = timeout;
  return wo;
}

struct Timed {
  std::vector<uint64_t> at;  // virtual time of each report
};

void record_times(sk::Kernel& k, Timed& t) {
  k.set_report_handler([&k, &t](const sk::Report&) { t.at.push_back(k.now_ns()); });
}

void holder_then_waiter(sk::Kernel& k, TestLocks& l, uint64_t hold_ns) {
  k.spawn("holder", [&k, &l, hold_ns] {
    KFRAME(sys_ioctl);
    KFRAME(freeze_super);
    sk::mutex_lock(&l.a);
    k.schedule_timeout(hold_ns);
    sk::mutex_unlock(&l.a);
  });
  k.spawn("trinity-child1", [&k, &l] {
    KFRAME(sys_renameat);
    KFRAME(lock_rename);
    k.schedule_timeout(kMs);  // let the holder take it first
    sk::mutex_lock(&l.a);
    sk::mutex_unlock(&l.a);
  });
}

// sched_show_task()'s 3.x line: "%-15.15s D %016lx     0 %5d %6d 0x%08lx".
std::string fmt_task_line(const sk::task_struct& t) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%-15.15s D %016llx     0 %5d %6d 0x%08lx", t.comm.c_str(),
                static_cast<unsigned long long>(t.addr), t.pid, t.parent ? t.parent->pid : 0, 0ul);
  return buf;
}

}  // namespace

TEST(HungTask, ArticleScenarioAfterTimeoutNotBefore) {
  auto k = boot("3.8", hung_only());
  Timed t;
  record_times(*k, t);
  sk::task_struct* child = k->spawn("trinity-child2", [&k] {
    k->sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x");
  });
  EXPECT_EQ(k->run(), sk::run_end::stopped);
  const sk::Report* r = find_report(*k, "hung");
  ASSERT_NE(r, nullptr) << kinds(*k);
  ASSERT_EQ(count_reports(*k, "hung"), 1u);
  EXPECT_EQ(count_reports(*k, "blocked-self"), 0u);
  EXPECT_EQ(count_reports(*k, "all-blocked"), 0u);
  uint64_t when = t.at.back();
  EXPECT_GE(when, 120 * kSec);
  EXPECT_LE(when, 240 * kSec + kSec);  // khungtaskd scans every timeout: at most two
  EXPECT_GE(when - child->blocked_since, 120 * kSec);
  EXPECT_TRUE(r->fatal);
  EXPECT_EQ(title_of(*r), "INFO: task hung in lock_rename");
  EXPECT_EQ(r->tasks, std::vector<pid_t>{child->pid});
  EXPECT_EQ(r->locks, std::vector<std::string>{"&type->i_mutex_dir_key/2"});
  const std::string pid = std::to_string(child->pid);
  auto lines = lines_of(r->text);
  ASSERT_GE(lines.size(), 12u);
  EXPECT_EQ(lines[0], "INFO: task trinity-child2:" + pid + " blocked for more than 120 seconds.");
  EXPECT_EQ(lines[1], "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.");
  EXPECT_EQ(lines[2], fmt_task_line(*child)) << r->text;
  EXPECT_EQ(lines[3], "Call Trace:");
  EXPECT_EQ(mask_hex(lines[4]), " [<X>] schedule+0xX/0xX");
  EXPECT_EQ(mask_hex(lines[5]), " [<X>] mutex_lock_nested+0xX/0xX");
  EXPECT_EQ(mask_hex(lines[6]), " [<X>] lock_rename+0xX/0xX");
  EXPECT_EQ(mask_hex(lines[7]), " [<X>] sys_renameat+0xX/0xX");
  EXPECT_EQ(mask_hex(lines[8]), " [<X>] sys_rename+0xX/0xX");
  EXPECT_EQ(mask_hex(lines[9]), " [<X>] system_call_fastpath+0xX/0xX");
  EXPECT_EQ(lines[10], "4 locks held by trinity-child2/" + pid + ":");
  EXPECT_EQ(mask_hex(lines[13]), " #2:  (&type->i_mutex_dir_key#2/1){+.+.+.}, at: [<X>] lock_rename+0xX/0xX");
  EXPECT_EQ(mask_hex(lines[14]), " #3:  (&type->i_mutex_dir_key#2/2){+.+.+.}, at: [<X>] lock_rename+0xX/0xX");
  EXPECT_NE(r->text.find("Showing all locks held in the system:\n4 locks on stack by trinity-child2/"), std::string::npos);
}

TEST(HungTask, TimeoutIsConfigurable) {
  auto k = boot("3.8", hung_only(10));
  Timed t;
  record_times(*k, t);
  k->spawn("trinity-child2", [&k] { k->sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x"); });
  k->run();
  const sk::Report* r = find_report(*k, "hung");
  ASSERT_NE(r, nullptr) << kinds(*k);
  EXPECT_GE(t.at.back(), 10 * kSec);
  EXPECT_LT(t.at.back(), 21 * kSec);
  EXPECT_EQ(r->text.rfind("INFO: task trinity-child2:", 0), 0u);
  EXPECT_NE(r->text.find(" blocked for more than 10 seconds.\n"), std::string::npos);
}

TEST(HungTask, BlockedLessThanTimeoutIsNotReported) {
  auto k = boot("3.9");
  TestLocks l(*k);
  holder_then_waiter(*k, l, 100 * kSec);
  EXPECT_EQ(k->run(), sk::run_end::all_exited);
  EXPECT_TRUE(k->reports().empty()) << kinds(*k);
  EXPECT_GE(k->now_ns(), 100 * kSec);
}

TEST(HungTask, BlockedLongerIsReportedAndOnlyTheSleeper) {
  auto k = boot("3.9");
  TestLocks l(*k);
  Timed t;
  record_times(*k, t);
  holder_then_waiter(*k, l, 1000 * kSec);
  EXPECT_EQ(k->run(), sk::run_end::stopped);
  ASSERT_EQ(k->reports().size(), 1u) << kinds(*k);
  const sk::Report& r = k->reports()[0];
  EXPECT_EQ(kind_of(r), "hung");
  EXPECT_EQ(title_of(r), "INFO: task hung in lock_rename");
  ASSERT_EQ(r.tasks.size(), 1u);
  EXPECT_EQ(k->find_task_by_pid(r.tasks[0])->comm, "trinity-child1");
  EXPECT_GE(t.at[0], 120 * kSec);
  // The holder sleeps in S state: not a hung task, but its lock is in the dump.
  EXPECT_NE(r.text.find("1 lock on stack by holder/"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("freeze_super+0x"), std::string::npos);
}
