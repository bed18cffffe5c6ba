#include "report/lock_line.h"

#include "report/frame.h"
#include "report/text.h"

namespace simtrinity::report {
namespace {

// Skips "ffff8801292d17d8 " / "00000000a1b2c3d4 ": an instance address.
std::string_view take_address(std::string_view& s) {
  const auto n = span_of(s, is_hex);
  if (n < 8 || n >= s.size() || s[n] != ' ') return {};
  const auto addr = s.substr(0, n);
  s = trim_left(s.substr(n));
  return addr;
}

}  // namespace

std::optional<std::string> parse_class_token(std::string_view s) {
  if (s.empty() || s.front() != '(') return std::nullopt;
  const auto close = s.find("){");
  if (close == std::string_view::npos || close < 2) return std::nullopt;
  return std::string(s.substr(1, close - 1));
}

std::optional<LockLine> parse_lock_line(std::string_view s) {
  s = trim(s);
  LockLine l;
  if (s.size() > 2 && s.front() == '#') {
    const auto n = span_of(s.substr(1), is_digit);
    if (n == 0 || n + 1 >= s.size() || s[n + 1] != ':' || n > 6) return std::nullopt;
    l.index = std::stoi(std::string(s.substr(1, n)));
    s = trim_left(s.substr(n + 2));
  }
  for (std::string_view state : {"held:", "blocked:"})
    if (s.starts_with(state)) {
      l.state = std::string(state.substr(0, state.size() - 1));
      s = trim_left(s.substr(state.size()));
    }
  l.instance = std::string(take_address(s));
  auto cls = parse_class_token(s);
  if (!cls) return std::nullopt;
  l.cls = std::move(*cls);
  s.remove_prefix(l.cls.size() + 2);
  if (const auto inst = s.find("instance: "); inst != std::string_view::npos && l.instance.empty()) {
    auto rest = s.substr(inst + 10);
    l.instance = std::string(rest.substr(0, span_of(rest, is_hex)));
  }
  if (const auto at = s.find("at:"); at != std::string_view::npos) {
    if (auto f = parse_frame(s.substr(at + 3))) {
      l.at = f->fn;
      l.at_has_offset = f->has_offset;
    }
  }
  return l;
}

std::string normalize_class(std::string_view cls) {
  std::string c(cls);
  if (c.starts_with("&(&") && c.ends_with(")->rlock")) c = "&" + c.substr(3, c.size() - 3 - 8);
  const auto slash = c.rfind('/');
  const auto tail_end = slash != std::string::npos && slash + 1 < c.size() &&
                                span_of(std::string_view(c).substr(slash + 1), is_digit) == c.size() - slash - 1
                            ? slash
                            : c.size();
  const auto hash = c.rfind('#', tail_end);
  if (hash != std::string::npos && hash + 1 < tail_end &&
      span_of(std::string_view(c).substr(hash + 1, tail_end - hash - 1), is_digit) == tail_end - hash - 1)
    c.erase(hash, tail_end - hash);
  return c;
}

}  // namespace simtrinity::report
