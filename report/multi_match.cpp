#include "report/multi_match.h"

#include <stdexcept>

namespace simtrinity::report {

void MultiMatch::add(std::string_view p) {
  if (p.size() < 2) throw std::logic_error("MultiMatch patterns need two bytes");
  const auto k = key(p[0], p[1]);
  starts_[k >> 6] |= std::uint64_t{1} << (k & 63);
  auto& h = head_[k];
  if (h == 0) {
    groups_.emplace_back();
    h = static_cast<std::uint16_t>(groups_.size());
  }
  groups_[h - 1].push_back(p);
}

bool MultiMatch::any(std::string_view s) const {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto k = key(s[i], s[i + 1]);
    if (!(starts_[k >> 6] >> (k & 63) & 1)) continue;
    const auto h = head_[k];
    const auto rest = s.substr(i);
    for (auto p : groups_[h - 1])
      if (rest.starts_with(p)) return true;
  }
  return false;
}

}  // namespace simtrinity::report
