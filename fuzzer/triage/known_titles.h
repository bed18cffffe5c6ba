// The suppression file shared with `simtrinity run`: one title per line, '#'
// starts a comment. A line may also name a bucket id or a whole signature, for
// bugs that share a title with a new one.
#pragma once
#include <istream>
#include <set>
#include <string>

namespace simtrinity::triage {

class KnownTitles {
 public:
  void load(std::istream& in);
  bool matches(const std::string& title, const std::string& bucket, const std::string& signature) const;

 private:
  std::set<std::string> entries_;
};

}  // namespace simtrinity::triage
