// Every hand-made sample: its kind, syzkaller title, signature classes and corruption.
#include <gtest/gtest.h>

#include <cctype>

#include "triage_test_util.h"

namespace simtrinity::report::testing {
namespace {

struct Expect {
  const char* file;
  Kind kind;
  const char* title;
  std::vector<std::string> classes;
  bool corrupted;
};

// gtest (and so ctest's test list) shows a parameter through PrintTo; the
// default dumps the struct's bytes, pointers included.
void PrintTo(const Expect& e, std::ostream* os) { *os << e.file; }

class FixtureTitles : public ::testing::TestWithParam<Expect> {};

TEST_P(FixtureTitles, OneReportWithTheExpectedTitle) {
  const auto& e = GetParam();
  const auto reports = parse_fixture(e.file);
  ASSERT_EQ(reports.size(), 1u) << e.file;
  const auto& p = reports[0].report;
  EXPECT_EQ(p.kind, e.kind) << kind_name(p.kind);
  EXPECT_EQ(p.title, e.title);
  EXPECT_EQ(p.classes, e.classes);
  EXPECT_EQ(p.corrupted(), e.corrupted) << p.corrupt_reason;
}

// The test's name is its fixture's path ("sim/all_blocked.txt" ->
// sim_all_blocked_txt), not gtest's dump of the struct's bytes.
std::string fixture_name(const ::testing::TestParamInfo<Expect>& info) {
  std::string n;
  for (const char* c = info.param.file; *c; ++c) n += std::isalnum(static_cast<unsigned char>(*c)) ? *c : '_';
  return n;
}

const std::string kDir1 = "&type->i_mutex_dir_key/1", kDir2 = "&type->i_mutex_dir_key/2";

INSTANTIATE_TEST_SUITE_P(
    Samples, FixtureTitles,
    ::testing::Values(
        Expect{"sim/blocked_self_child2.txt", Kind::blocked_self, "possible deadlock in lock_rename", {kDir1, kDir2}, false},
        Expect{"real/seed_article_dump.txt", Kind::blocked_self, "possible deadlock in lock_rename", {kDir1, kDir2}, false},
        Expect{"sim/circular_wait.txt", Kind::circular_wait, "possible deadlock in lock_rename",
               {"&type->i_mutex_dir_key/2", "&type->s_vfs_rename_key"}, false},
        Expect{"sim/all_blocked.txt", Kind::all_blocked, "all tasks blocked in do_lookup",
               {"&type->i_mutex_dir_key", kDir2}, false},
        Expect{"sim/dentry_alias.txt", Kind::dentry_alias, "directory inode with several dentries in proc_lookup_de",
               {"fs:proc"}, false},
        Expect{"real/hung_3x_timestamps.txt", Kind::hung, "INFO: task hung in lock_rename", {kDir2}, false},
        Expect{"noise/hung_3x_syslog.txt", Kind::hung, "INFO: task hung in lock_rename", {kDir2}, false},
        Expect{"real/hung_modern.txt", Kind::hung, "INFO: task hung in lock_rename", {kDir1}, false},
        Expect{"real/recursive_syzbot.txt", Kind::recursive, "possible deadlock in lock_rename", {kDir1}, false},
        Expect{"noise/interleaved_caller_id.txt", Kind::recursive, "possible deadlock in lock_rename",
               {"&type->i_mutex_dir_key/2"}, false},
        Expect{"real/circular_3x_old_header.txt", Kind::circular, "possible deadlock in lock_rename",
               {"&sb->s_type->i_mutex_key", "&type->i_mutex_dir_key"}, false},
        Expect{"noise/circular_mail_qp.eml", Kind::circular, "possible deadlock in lock_rename",
               {"&sb->s_type->i_mutex_key", "&type->i_mutex_dir_key"}, false},
        Expect{"real/circular_modern_3classes.txt", Kind::circular, "possible deadlock in usb_disconnect",
               {"&dev->mutex", "&pool->lock", "rtnl_mutex"}, false},
        Expect{"noise/truncated_circular.txt", Kind::circular, "possible deadlock in lock_rename",
               {"&sb->s_type->i_mutex_key", "&type->i_mutex_dir_key"}, true},
        Expect{"real/inconsistent_3x.txt", Kind::inconsistent, "inconsistent lock state in dev_watchdog",
               {"&dev->tx_global_lock", "{SOFTIRQ-ON-W->IN-SOFTIRQ-W}"}, false},
        Expect{"real/inconsistent_modern.txt", Kind::inconsistent, "inconsistent lock state in dev_watchdog",
               {"&dev->tx_global_lock", "{SOFTIRQ-ON-W->IN-SOFTIRQ-W}"}, false},
        Expect{"real/held_lock_freed_modern.txt", Kind::held_freed, "WARNING: held lock freed in tcp_close",
               {"sk_lock-AF_INET"}, false},
        Expect{"real/bad_unlock_modern.txt", Kind::bad_unlock, "WARNING: bad unlock balance in pipe_unlock",
               {"&pipe->mutex"}, false},
        Expect{"real/user_return.txt", Kind::user_return,
               "WARNING: lock held when returning to user space in rdma_ioctl", {"&rdma_dev->ops_mutex"}, false},
        // syzkaller's WARNING form wants "at: fn+0x" without a [<pc>]; this 4.14 line has one, so
        // syzkaller titles it by its header, corrupted (as pkg/report/linux.go's regexp reads it).
        Expect{"real/exit_locks.txt", Kind::exit_locks, "WARNING: trinity-c3/NUM still has locks held!",
               {"&mm->mmap_sem"}, true}),
    fixture_name);

TEST(Fixtures, KernelReleaseAndSubjectComeFromTheReport) {
  const auto r = parse_fixture("real/recursive_syzbot.txt").at(0).report;
  EXPECT_EQ(r.kernel, "6.1.0-rc5-syzkaller");
  EXPECT_EQ(r.subject.str(), "syz-executor.1/10422");
  EXPECT_EQ(parse_fixture("real/circular_modern_3classes.txt").at(0).report.kernel, "5.10.0-rc1");
}

TEST(Fixtures, InterleavedLinesOfOtherCallersStayOut) {
  const auto s = parse_fixture("noise/interleaved_caller_id.txt").at(0).scan;
  ASSERT_EQ(s.traces.size(), 1u);
  for (const auto& f : s.traces[0].frames) EXPECT_NE(f.fn, "some_other_task_frame");
  ASSERT_TRUE(s.held);
  EXPECT_EQ(s.held->cls, "&type->i_mutex_dir_key#3/1");
}

TEST(Fixtures, SyzbotInlineCopiesMergeIntoOneHeldLock) {
  const auto s = parse_fixture("real/hung_modern.txt").at(0).scan;
  ASSERT_EQ(s.held_lists.size(), 2u);  // khungtaskd and the hung task
  ASSERT_EQ(s.held_lists[1].locks.size(), 3u);
  EXPECT_EQ(s.held_lists[1].locks[2].at, "lock_rename");
}

TEST(Fixtures, OldFormHeaderWithoutClosingBracketIsCorrupted) {
  auto text = read_file(fixture("real/circular_3x_old_header.txt"));
  text = replace_all(text, "detected ]", "detected");
  const auto r = parse_text(text).at(0).report;
  EXPECT_TRUE(r.corrupted());
  // syzkaller's old-form regexps need the "detected ]": without it, the header is the title.
  EXPECT_EQ(r.title, "INFO: possible circular locking dependency detected");
}

TEST(Fixtures, HungTaskPanicWithoutItsHeaderIsCorrupted) {
  const auto r = parse_text("Kernel panic - not syncing: hung_task: blocked tasks\n").at(0).report;
  EXPECT_EQ(r.title, "kernel panic: hung_task: blocked tasks");
  EXPECT_TRUE(r.corrupted());
}

TEST(Fixtures, BareLockDumpWithoutBlockedTaskIsNoReport) {
  EXPECT_TRUE(parse_text("Showing all locks held in the system:\n1 lock held by a/1:\n #0:  (x){....}, at: [<ffff>] f+0x1/0x2\n\n"
                         "=============================================\n")
                  .empty());
}

}  // namespace
}  // namespace simtrinity::report::testing
