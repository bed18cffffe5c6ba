// Helpers shared by the triage tests: parse text or fixtures, run the command.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzzer/triage/triage.h"
#include "report/lock_graph.h"
#include "report/parser.h"

namespace simtrinity::report::testing {

using triage::run_triage;
using triage::TriageOptions;

inline std::string fixture(const std::string& rel) {
  return std::string(SIMTRINITY_SOURCE_DIR) + "/tests/report/fixtures/" + rel;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Parsed {
  ParsedReport report;
  ScannedReport scan;
};

inline std::vector<Parsed> parse_text(const std::string& text) {
  std::istringstream in(text);
  std::vector<Parsed> out;
  parse_stream(in, [&](const RawReport&, const ScannedReport& s, ParsedReport&& p) { out.push_back({p, s}); });
  return out;
}

inline std::vector<Parsed> parse_fixture(const std::string& rel) { return parse_text(read_file(fixture(rel))); }

struct RunResult {
  int status = -1;
  std::string out, err;
};

inline RunResult run(TriageOptions o, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  RunResult r;
  r.status = run_triage(o, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A scratch directory below the build tree, emptied first.
std::string scratch_dir(const std::string& name);

// Replaces every occurrence of `from` in `s` by `to`.
std::string replace_all(std::string s, const std::string& from, const std::string& to);

}  // namespace simtrinity::report::testing
