// The known-bugs file, read by `simtrinity run --known` and `simtrinity
// triage --known` alike: one entry per line, a title, a bucket id or a whole
// signature; a line starting with '#' is a comment, blank lines are ignored.
// A title covers every bucket with that title; an id or a signature names one
// bucket (for a known bug that shares its title with new ones).
#pragma once
#include <istream>
#include <set>
#include <string>

namespace simtrinity::report {

struct ParsedReport;

class KnownBugs {
 public:
  // Adds the entries of a known-bugs file (fuzzer/triage/known_bugs_file.h
  // reads one from a path).
  void load(std::istream& in);
  bool matches(const std::string& title, const std::string& id, const std::string& signature) const;
  bool matches(const ParsedReport& p) const;
  bool empty() const { return entries_.empty(); }

 private:
  std::set<std::string> entries_;
};

}  // namespace simtrinity::report
