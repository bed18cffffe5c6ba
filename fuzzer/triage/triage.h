// `simtrinity triage`: reads lock dumps, titles and buckets them, and writes
// the table, JSON and DOT outputs. Exit status: 0 when every bucket is known
// (or there are none), 1 when at least one is unknown, 2 on bad input or output
// (one line on `err`: "simtrinity triage: <what>").
#pragma once
#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace simtrinity::triage {

struct TriageOptions {
  std::vector<std::string> inputs;  // files, directories, "-" for stdin
  std::string json_path;
  std::string dot_dir;
  std::string html_dir;  // --html: the static bug list (fuzzer/html)
  std::string known_path;
  bool quiet = false;  // no table
  // Inputs are report test files (syzkaller's pkg/report/testdata/linux/report
  // format: TITLE:/ALT:/CORRUPTED: header, empty line, log): print how often
  // report/'s title and corrupted flag agree with theirs, per kind. Exit 0
  // when all agree, 1 when one does not.
  bool score = false;
};

int run_triage(const TriageOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace simtrinity::triage
