// Measures report/ against titles nobody on this project wrote: syzkaller's
// report test data (google/syzkaller pkg/report/testdata/linux/report/<N>: a
// header block of TITLE:, ALT:, TYPE:, CORRUPTED: ... lines, one empty line,
// then the console log) and files in the same shape (tests/report/corpus/,
// whose SOURCES.md describes both). `simtrinity triage --score` prints the
// table; tests/report/corpus_test.cpp holds report/ to its thresholds.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace simtrinity::report {

struct TestFile {
  std::string title;              // syzkaller's title of the first report; "" when it finds none
  std::vector<std::string> alts;  // its alternative titles ("hang in X", "stall in X")
  bool corrupted = false;
  std::string log;                // the log: '\r' removed, a trailing "REPORT:" section cut off
  // A raw mail (RFC 822 headers first): the first log line of its body. A
  // "Subject: ... BUG: soft lockup in X" header is not a report.
  std::uint64_t body_line = 1;
};

// Reads one test file; nullopt (and a one-line `error`) when it has no header block.
std::optional<TestFile> read_test_file(std::string_view text, std::string& error);

// The row a syzkaller title belongs to ("possible deadlock", "task hung",
// "rcu detected stall" ...); "" for titles of no lock or hang kind (KASAN, GPF,
// "BUG: spinlock bad magic", no report at all).
std::string title_class(std::string_view title);

struct FileScore {
  std::string file;
  std::string cls;       // title_class(expected); "" for a report report/ must not title
  std::string expected;  // syzkaller's title
  std::string got;       // report/'s title of the first report ("" for none, or another oops first)
  bool expected_corrupted = false, got_corrupted = false;
  std::string corrupt_reason;
  bool title_ok = false;      // exact title (for a non-lock file: no title at all)
  bool alt_ok = false;        // title_ok, or report/'s title is one of syzkaller's ALT titles
  bool corrupted_ok = false;  // the corrupted flags agree (lock files only)
};

// Parses `t.log` as syzkaller does: the first oops in the log decides, so a
// lock report after a KASAN report is not the file's title.
FileScore score_file(std::string file, const TestFile& t);

class ScoreTable {
 public:
  void add(FileScore s);
  const std::vector<FileScore>& files() const { return files_; }

  struct Row {
    std::size_t files = 0, exact = 0, alt = 0, corrupted_agree = 0;
  };
  // Per class, "" (non-lock files) under its own key.
  const std::map<std::string, Row>& rows() const { return rows_; }
  Row lock_total() const;  // all rows but ""

  // The per-kind table, then one line per file whose title or flag disagrees.
  void write(std::ostream& out) const;

 private:
  std::vector<FileScore> files_;
  std::map<std::string, Row> rows_;
};

}  // namespace simtrinity::report
