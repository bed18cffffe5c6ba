// Small string_view helpers every triage parser needs; kernel text is ASCII,
// so no locale-aware classification is wanted (and none is fast enough).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "simkernel/base/hash.h"

namespace simtrinity::report {

inline bool is_space(char c) { return c == ' ' || c == '\t'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
inline bool is_ident(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

inline std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}
inline std::string_view trim(std::string_view s) {
  s = trim_left(s);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
inline bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Length of the run of characters satisfying pred at the start of s.
template <typename Pred>
std::size_t span_of(std::string_view s, Pred pred) {
  std::size_t n = 0;
  while (n < s.size() && pred(s[n])) ++n;
  return n;
}

// A ruler: a run of at least 20 '=' (or '-'), the frame lockdep draws around a splat.
inline bool is_ruler(std::string_view s, char c) {
  s = trim(s);
  return s.size() >= 20 && span_of(s, [c](char x) { return x == c; }) == s.size();
}

using sk::fnv1a;

}  // namespace simtrinity::report
