#include "report/multi_match.h"

#include <stdexcept>

namespace simtrinity::report {

void MultiMatch::add(std::string_view p) {
  if (p.size() < 2) throw std::logic_error("MultiMatch patterns need two bytes");
  auto& h = head_[key(p[0], p[1])];
  if (h == 0) {
    groups_.emplace_back();
    h = static_cast<std::uint16_t>(groups_.size());
  }
  groups_[h - 1].push_back(p);
}

bool MultiMatch::any(std::string_view s) const {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto h = head_[key(s[i], s[i + 1])];
    if (h == 0) continue;
    const auto rest = s.substr(i);
    for (auto p : groups_[h - 1])
      if (rest.starts_with(p)) return true;
  }
  return false;
}

}  // namespace simtrinity::report
