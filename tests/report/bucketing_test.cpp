// The same bug collapses into one bucket; different bugs in one function do not.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>

#include "triage_test_util.h"

namespace simtrinity::report::testing {
namespace {

// The simulated kernel's report of the seed deadlock as another child, pid,
// boot (#N name versions) and allocation pattern (instance addresses) would print it.
std::string sim_deadlock_variant(int i) {
  auto t = read_file(fixture("sim/blocked_self_child2.txt"));
  t = replace_all(t, "trinity-child2/7669", fmt::format("trinity-child{}/{}", i % 7, 3000 + 17 * i));
  t = replace_all(t, "i_mutex_dir_key#2", fmt::format("i_mutex_dir_key#{}", 2 + i % 5));
  t = replace_all(t, "sb_writers#4", fmt::format("sb_writers#{}", 3 + i % 4));
  t = replace_all(t, "ffff880110b3a858", fmt::format("ffff8801{:08x}", 0x10b3a858 + 0x1000 * i));
  return t;
}

TEST(Bucketing, TheSeedDeadlockFromManyRunsIsOneBucket) {
  std::set<std::string> buckets, titles;
  std::string all;
  for (int i = 0; i < 25; ++i) {
    const auto text = sim_deadlock_variant(i);
    all += text;
    for (const auto& p : parse_text(text)) {
      buckets.insert(p.report.bucket);
      titles.insert(p.report.title);
    }
  }
  // The seed article's hand-posted dump of the same bug joins them.
  for (const auto& p : parse_fixture("real/seed_article_dump.txt")) buckets.insert(p.report.bucket);
  EXPECT_EQ(buckets.size(), 1u);
  EXPECT_EQ(titles, (std::set<std::string>{"possible deadlock in lock_rename"}));

  TriageOptions o;
  o.inputs = {"-"};
  const auto r = run(o, all);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("25 reports (0 corrupted, 0 duplicate copies skipped) in 1 buckets"), std::string::npos) << r.out;
}

TEST(Bucketing, AbbaAndRecursiveInTheSameFunctionStayApart) {
  const auto abba = parse_fixture("real/circular_3x_old_header.txt").at(0).report;
  const auto rec = parse_fixture("real/recursive_syzbot.txt").at(0).report;
  EXPECT_EQ(abba.title, rec.title);  // syzkaller would merge them by title...
  EXPECT_NE(abba.bucket, rec.bucket);  // ...the signature does not
}

TEST(Bucketing, DifferentLockPairsInOneFunctionStayApart) {
  auto text = read_file(fixture("real/circular_3x_old_header.txt"));
  const auto a = parse_text(text).at(0).report;
  const auto b = parse_text(replace_all(text, "&sb->s_type->i_mutex_key#8", "&ei->i_data_sem")).at(0).report;
  EXPECT_EQ(a.title, b.title);
  EXPECT_NE(a.bucket, b.bucket);
}

TEST(Bucketing, OneHungTaskBugAcrossPidsBootsAndLogFormats) {
  const auto a = parse_fixture("real/hung_3x_timestamps.txt").at(0).report;
  const auto b = parse_fixture("noise/hung_3x_syslog.txt").at(0).report;
  EXPECT_EQ(a.bucket, b.bucket);
  EXPECT_NE(a.bucket, parse_fixture("real/recursive_syzbot.txt").at(0).report.bucket);
}

TEST(Bucketing, ModernAnd3xInconsistentLockStateMergeAcrossSpinlockNaming) {
  EXPECT_EQ(parse_fixture("real/inconsistent_3x.txt").at(0).report.bucket,
            parse_fixture("real/inconsistent_modern.txt").at(0).report.bucket);
}

TEST(Bucketing, QuotedCopiesCountOnce) {
  const auto text = read_file(fixture("real/recursive_syzbot.txt"));
  TriageOptions o;
  o.inputs = {"-"};
  const auto r = run(o, text + "\nsome mail text\n" + text);
  EXPECT_NE(r.out.find("1 reports (0 corrupted, 1 duplicate copies skipped) in 1 buckets"), std::string::npos) << r.out;
}

// Two real findings of the 6.5 directory-locking cycle, saved by `simtrinity run -k 6.5
// -C 8 --name-reuse 90 -c mkdir -c rename -c rmdir -N 1000000 --stop-on-first -s S`:
// seed 74 met it at syscall 4,583 and its report starts from the rmdir, seed 89 at
// 542,294 from a rename. Three tasks, the same three waits, told from two of them.
TEST(Bucketing, OneWaitForCycleFromAnyTaskIsOneBucket) {
  const auto rmdir = parse_fixture("campaign/cycle_65_seed74.txt").at(0).report;
  const auto rename = parse_fixture("campaign/cycle_65_seed89.txt").at(0).report;
  ASSERT_EQ(rmdir.kind, Kind::circular_wait);
  ASSERT_EQ(rename.kind, Kind::circular_wait);
  // The titles still say where the report's first task waits...
  EXPECT_EQ(rmdir.title, "possible deadlock in vfs_rmdir");
  EXPECT_EQ(rename.title, "possible deadlock in lock_two_inodes");
  // ...the id is the cycle's: its edges, whichever task the report starts from.
  EXPECT_EQ(rmdir.signature, rename.signature);
  EXPECT_EQ(rmdir.bucket, rename.bucket);
  EXPECT_EQ(rmdir.signature,
            "circular-wait|&type->i_mutex_dir_key,&type->i_mutex_dir_key/4,&type->i_mutex_dir_key/5|"
            "&type->i_mutex_dir_key/4@lock_two_inodes,&type->i_mutex_dir_key/5@lock_two_inodes,"
            "&type->i_mutex_dir_key@vfs_rmdir");

  TriageOptions o;
  o.inputs = {fixture("campaign")};
  const auto r = run(o);
  EXPECT_NE(r.out.find("2 reports (0 corrupted, 0 duplicate copies skipped) in 1 buckets"), std::string::npos) << r.out;
}

TEST(Bucketing, AWaitForCycleWithAnotherEdgeIsAnotherBucket) {
  const auto text = read_file(fixture("campaign/cycle_65_seed74.txt"));
  const auto a = parse_text(text).at(0).report;
  // The same classes, but the rmdir's task waits in another function: another cycle.
  const auto moved = replace_all(text, "at: [<ffffffff8100b56e>] vfs_rmdir+0x2e/0x120",
                                 "at: [<ffffffff8100b56e>] vfs_unlink+0x2e/0x120");
  ASSERT_NE(moved, text);
  const auto b = parse_text(moved).at(0).report;
  EXPECT_EQ(a.classes, b.classes);
  EXPECT_NE(a.bucket, b.bucket);
}

}  // namespace
}  // namespace simtrinity::report::testing
