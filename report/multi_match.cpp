#include "report/multi_match.h"

#include <stdexcept>
#include <string_view>

namespace simtrinity::report {

namespace {

// How rarely a byte shows up in kernel logs: lowercase text, spaces and the
// digits of addresses are everywhere; capitals and punctuation are not.
int rarity(char c) {
  if (c == ' ' || (c >= '0' && c <= '9')) return 0;
  if (c >= 'a' && c <= 'z') return std::string_view("etaoinsrhldcu").find(c) == std::string_view::npos ? 2 : 1;
  if (c == '_') return 1;
  if (c >= 'A' && c <= 'Z') return 3;
  return 4;
}

}  // namespace

void MultiMatch::add(std::string_view p) {
  if (p.size() < 2) throw std::logic_error("MultiMatch patterns need two bytes");
  std::size_t off = 0;
  for (std::size_t j = 1; j + 1 < p.size(); ++j)
    if (rarity(p[j]) + rarity(p[j + 1]) > rarity(p[off]) + rarity(p[off + 1])) off = j;
  const auto k = key(p[off], p[off + 1]);
  starts_[k >> 6] |= std::uint64_t{1} << (k & 63);
  auto& h = head_[k];
  if (h == 0) {
    groups_.emplace_back();
    h = static_cast<std::uint16_t>(groups_.size());
  }
  groups_[h - 1].push_back({p, off});
}

bool MultiMatch::any(std::string_view s) const {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto k = key(s[i], s[i + 1]);
    if (!(starts_[k >> 6] >> (k & 63) & 1)) continue;
    for (const auto& e : groups_[head_[k] - 1])
      if (i >= e.offset && s.substr(i - e.offset).starts_with(e.pattern)) return true;
  }
  return false;
}

}  // namespace simtrinity::report
