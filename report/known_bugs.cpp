#include "report/known_bugs.h"

#include "report/parser.h"
#include "report/text.h"

namespace simtrinity::report {

void KnownBugs::load(std::istream& in) {
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view v = trim(line);
    if (v.empty() || v.front() == '#') continue;
    entries_.emplace(v);
  }
}

bool KnownBugs::matches(const std::string& title, const std::string& id, const std::string& signature) const {
  return entries_.count(title) || entries_.count(id) || entries_.count(signature);
}

bool KnownBugs::matches(const ParsedReport& p) const { return matches(p.title, p.bucket, p.signature); }

}  // namespace simtrinity::report
