#include "fuzzer/triage/known_titles.h"

#include "fuzzer/triage/text.h"

namespace simtrinity::triage {

void KnownTitles::load(std::istream& in) {
  std::string line;
  while (std::getline(in, line)) {
    std::string_view v = line;
    if (const auto hash = v.find('#'); hash != std::string_view::npos && trim(v.substr(0, hash)).empty()) continue;
    v = trim(v);
    if (!v.empty()) entries_.emplace(v);
  }
}

bool KnownTitles::matches(const std::string& title, const std::string& bucket, const std::string& signature) const {
  return entries_.count(title) || entries_.count(bucket) || entries_.count(signature);
}

}  // namespace simtrinity::triage
