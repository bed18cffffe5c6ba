#include "report/frame.h"

#include "report/text.h"

namespace simtrinity::report {
namespace {

// "[<ffffffff811c7034>]" or ppc's "[c0000000004f2c40]"; returns its length or 0.
std::size_t address_len(std::string_view s) {
  if (s.size() < 4 || s.front() != '[') return 0;
  std::size_t i = 1;
  if (s[i] == '<') ++i;
  const auto n = span_of(s.substr(i), is_hex);
  if (n == 0) return 0;
  i += n;
  if (i < s.size() && s[i] == '>') ++i;
  return i < s.size() && s[i] == ']' ? i + 1 : 0;
}

bool is_symbol_char(char c) { return is_ident(c) || c == '.'; }

}  // namespace

std::optional<Frame> parse_frame(std::string_view s) {
  Frame f;
  s = trim_left(s);
  for (std::string_view marker : {"<IRQ>", "<EOI>", "<NMI>", "<TASK>"})
    if (s.starts_with(marker)) s = trim_left(s.substr(marker.size()));
  if (s.starts_with("(")) s.remove_prefix(1);  // s390 "([<..>] fn+..)"
  for (int i = 0; i < 2; ++i)
    if (const auto n = address_len(s)) s = trim_left(s.substr(n));
  if (s.starts_with("? ")) {
    f.reliable = false;
    s = trim_left(s.substr(2));
  }
  if (s.starts_with("(")) s.remove_prefix(1);  // ARM "(fn+0x/0x) from ..."
  if (s.starts_with(".")) s.remove_prefix(1);  // ppc64 function descriptors
  auto n = span_of(s, is_symbol_char);
  if (n == 0 || n > 200) return std::nullopt;
  auto name = s.substr(0, n);
  s.remove_prefix(n);
  // "fn.isra.3+0x": the symbol is the part before the first '.'.
  if (const auto dot = name.find('.'); dot != std::string_view::npos) name = name.substr(0, dot);
  f.has_offset = s.starts_with("+0x");
  // Only a symbolized inline copy ("fn file.h:N [inline]") is a frame without an offset.
  if (!f.has_offset && (!s.starts_with(" ") || !contains(s, "[inline]"))) return std::nullopt;
  if (name.empty() || is_digit(name.front())) return std::nullopt;
  f.fn = std::string(name);
  return f;
}

}  // namespace simtrinity::report
