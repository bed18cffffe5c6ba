// report/ against titles nobody here wrote: syzkaller's own report test data
// and syzbot's report mails (tests/report/corpus/, see SOURCES.md). The
// thresholds are issue 9's: >=95% exact syzkaller titles and >=95% agreement
// on the corrupted flag over the lock/hang reports, and no lock title for any
// non-lock report. `simtrinity triage --score DIR...` prints the same table.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "report/score.h"
#include "triage_test_util.h"

namespace simtrinity::report::testing {
namespace {

namespace fs = std::filesystem;

std::string corpus(const std::string& rel) { return std::string(SIMTRINITY_SOURCE_DIR) + "/tests/report/corpus/" + rel; }

ScoreTable score_dirs(std::initializer_list<const char*> dirs) {
  ScoreTable table;
  for (const char* d : dirs) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(corpus(d)))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string error;
      if (auto t = read_test_file(read_file(f.string()), error))
        table.add(score_file(std::string(d) + "/" + f.filename().string(), *t));
    }
  }
  return table;
}

std::string dump(const ScoreTable& t) {
  std::ostringstream s;
  t.write(s);
  return s.str();
}

double share(std::size_t n, std::size_t of) { return of == 0 ? 1.0 : static_cast<double>(n) / static_cast<double>(of); }

TEST(Corpus, HoldsEveryFileOfSourcesMd) {
  const auto t = score_dirs({"syzkaller", "syzbot-mail", "negative"});
  EXPECT_EQ(t.lock_total().files, 214u + 128u) << dump(t);
  ASSERT_EQ(t.rows().count(""), 1u);
  EXPECT_EQ(t.rows().at("").files, 73u);
}

TEST(Corpus, SyzkallersTitlesOnRealLockAndHangReports) {
  const auto t = score_dirs({"syzkaller", "syzbot-mail"});
  const auto all = t.lock_total();
  EXPECT_GE(share(all.exact, all.files), 0.95) << dump(t);
}

TEST(Corpus, SyzkallersCorruptedFlagOnRealLockAndHangReports) {
  const auto t = score_dirs({"syzkaller", "syzbot-mail"});
  const auto all = t.lock_total();
  EXPECT_GE(share(all.corrupted_agree, all.files), 0.95) << dump(t);
}

TEST(Corpus, NoLockTitleForReportsOfOtherKinds) {
  const auto t = score_dirs({"negative"});
  const auto& row = t.rows().at("");
  EXPECT_EQ(row.exact, row.files) << dump(t);
}

TEST(Corpus, ReadsTheHarnessRules) {
  std::string error;
  // A REPORT: section after an empty line is not log; '\r' goes.
  auto t = read_test_file("TITLE: x\r\nALT: y\nCORRUPTED: Y\n\nlog 1\n\nREPORT:\nnot log\n", error);
  ASSERT_TRUE(t) << error;
  EXPECT_EQ(t->title, "x");
  EXPECT_EQ(t->alts, std::vector<std::string>{"y"});
  EXPECT_TRUE(t->corrupted);
  EXPECT_EQ(t->log, "log 1\n");
  // No header (first line empty): no report expected.
  t = read_test_file("\nsome log\n", error);
  ASSERT_TRUE(t) << error;
  EXPECT_EQ(t->title, "");
  EXPECT_FALSE(read_test_file("Apache License\n\ntext\n", error));
  EXPECT_FALSE(read_test_file("TITLE: no empty line ends this header", error));
}

TEST(Corpus, AMailsSubjectIsNotItsReport) {
  std::string error;
  const auto t = read_test_file(
      "TITLE: x\n\nFrom: syzbot\nSubject: [syzbot] BUG: soft lockup in foo\n\nHello,\n", error);
  ASSERT_TRUE(t) << error;
  EXPECT_EQ(t->body_line, 4u);
  const auto s = score_file("m", *t);
  EXPECT_EQ(s.got, "");
}

TEST(Corpus, ScoreModeOfTheCli) {
  const auto dir = scratch_dir("score_mode");
  std::ofstream(dir + "/1") << "TITLE: possible deadlock in lock_rename\n\n" << read_file(fixture("real/recursive_syzbot.txt"));
  std::ofstream(dir + "/2") << "TITLE: possible deadlock in somewhere_else\n\n"
                            << read_file(fixture("real/recursive_syzbot.txt"));
  std::ofstream(dir + "/NOTICE") << "Not a test file.\n\nText.\n";
  TriageOptions o;
  o.inputs = {dir + "/1"};
  o.score = true;
  auto r = run(o);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("possible deadlock"), std::string::npos) << r.out;
  o.inputs = {dir};
  r = run(o);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("/2: possible deadlock in somewhere_else | possible deadlock in lock_rename"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1 file(s) without a test header skipped"), std::string::npos) << r.out;
  o.inputs = {dir + "/NOTICE"};
  r = run(o);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("not a report test file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace simtrinity::report::testing
