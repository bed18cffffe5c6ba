#include "report/stack_parts.h"

#include "report/multi_match.h"
#include "report/text.h"
#include "report/title_rules.h"

namespace simtrinity::report {
namespace {

bool is_lower_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

// "[<ffffffff811c7034>]", "[<0x..>]" or ppc's "[c0000000004f2c40]" at s; its length or 0.
std::size_t pc_len(std::string_view s) {
  if (s.size() < 3 || s[0] != '[') return 0;
  std::size_t i = 1;
  if (s[i] == '<') ++i;
  if (s.substr(i).starts_with("0x")) i += 2;
  const auto n = span_of(s.substr(i), is_lower_hex);
  if (n == 0) return 0;
  i += n;
  if (i < s.size() && s[i] == '>') ++i;
  return i < s.size() && s[i] == ']' ? i + 1 : 0;
}

// A name followed by '+' or '.' at s (syzkaller's {{FUNC}}): the name, else "".
std::string_view func_at(std::string_view s) {
  const auto n = span_of(s, is_ident);
  if (n == 0 || n >= s.size() || (s[n] != '+' && s[n] != '.')) return {};
  return s.substr(0, n);
}

std::string_view skip_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

}  // namespace

bool is_questionable_frame(std::string_view line) {
  // x86's " ? fn" (with or without a leading [<pc>]), ppc64's trailing " (unreliable)".
  if (line.ends_with(" (unreliable)")) return true;
  auto s = skip_spaces(line);
  if (const auto n = pc_len(s)) s = s.substr(n);
  return s.starts_with(" ? ") || s.starts_with("? ");
}

int stack_start_kind(std::string_view l) {
  // Asked of every line of every walk: one pass says most lines hold none of the words.
  static const MultiMatch words(std::initializer_list<std::string_view>{
      "Call Trace", "Call trace", "Allocated", "Freed", " backtrace", "Backtrace:", "Uninit was stored"});
  if (!words.any(l)) return 0;
  if (contains(l, "Call Trace") || contains(l, "Call trace")) return 1;
  if (contains(l, "Allocated:")) return 2;
  if (contains(l, "Freed:")) return 4;
  int kind = 3;
  for (std::string_view who : {"Allocated by task ", "Freed by task "}) {
    if (const auto at = l.find(who); at != std::string_view::npos) {
      const auto rest = l.substr(at + who.size());
      const auto n = span_of(rest, is_digit);
      if (n > 0 && n < rest.size() && rest[n] == ':') return kind;
    }
    kind = 5;
  }
  // " backtrace:" or " backtrace (crc 1a2b):" after anything but 'k' (lockdep's "stack backtrace:").
  for (auto at = l.find(" backtrace"); at != std::string_view::npos; at = l.find(" backtrace", at + 1)) {
    if (at == 0 || l[at - 1] == 'k') continue;
    auto rest = l.substr(at + 10);
    if (rest.starts_with(" (crc ")) {
      rest.remove_prefix(6);
      rest.remove_prefix(span_of(rest, is_hex));
      if (!rest.starts_with(")")) continue;
      rest.remove_prefix(1);
    }
    if (rest.starts_with(":")) return 6;
  }
  if (contains(l, "Backtrace:")) return 7;
  if (contains(l, "Uninit was stored to memory at")) return 8;
  return 0;
}

std::vector<std::string> line_frames(std::string_view line) {
  if (is_questionable_frame(line)) return {};
  auto s = skip_spaces(line);
  const auto start = s;
  for (int i = 0; i < 2; ++i)
    if (const auto n = pc_len(s); n > 0 && n < s.size() && s[n] == ' ') s = s.substr(n + 1);
  if (const auto fn = func_at(s); !fn.empty()) return {demangle(fn)};
  // ARM: "[<pc>] (fn) from [<pc>] (fn2+0x..)".
  s = start;
  const auto n = pc_len(s);
  if (n == 0 || !s.substr(n).starts_with(" (")) return {};
  s = s.substr(n + 2);
  const auto name = s.substr(0, span_of(s, [](char c) { return is_ident(c) || c == '.'; }));
  s = s.substr(name.size());
  if (name.empty() || !s.starts_with(") from ")) return {};
  s = s.substr(7);
  const auto m = pc_len(s);
  if (m == 0 || !s.substr(m).starts_with(" (")) return {};
  const auto fn2 = func_at(s.substr(m + 2));
  if (fn2.empty()) return {};
  return {demangle(name), demangle(fn2)};
}

std::optional<std::string> rip_frame(std::string_view line) {
  for (std::string_view key : {"IP", "pc ", "PC is at"}) {  // "IP" also finds "RIP" and "NIP"
    for (auto at = line.find(key); at != std::string_view::npos; at = line.find(key, at + 1)) {
      auto s = line.substr(at + key.size());
      if (s.starts_with(":")) s.remove_prefix(1);
      if (!s.starts_with(" ")) continue;
      s.remove_prefix(1);
      // An optional "<cs>:" segment ("0010:").
      if (const auto d = span_of(s, is_digit); d > 0 && d < s.size() && s[d] == ':') s.remove_prefix(d + 1);
      if (s.starts_with("0x") && s.size() > 2 && is_lower_hex(s[2])) return std::string();  // user space
      auto t = s;
      for (int i = 0; i < 2; ++i)
        if (const auto n = pc_len(t); n > 0) t = skip_spaces(t.substr(n));
      if (const auto fn = func_at(t); !fn.empty()) return demangle(fn);
      if (t.starts_with("[<") || t.starts_with("(null)")) return std::string();  // "[<  (null)>]  (null)"
    }
  }
  return std::nullopt;
}

std::optional<std::string> at_frame(std::string_view line, bool pc_required) {
  for (auto at = line.find("at: "); at != std::string_view::npos; at = line.find("at: ", at + 1)) {
    auto s = line.substr(at + 4);
    if (const auto n = pc_len(s); n > 0) {
      s = skip_spaces(s.substr(n));
    } else if (pc_required) {
      continue;
    }
    if (const auto fn = func_at(s); !fn.empty()) return demangle(fn);
  }
  return std::nullopt;
}

std::optional<std::string> pc_frame(std::string_view line) {
  for (auto at = line.find('['); at != std::string_view::npos; at = line.find('[', at + 1)) {
    const auto n = pc_len(line.substr(at));
    if (n == 0 || at + n >= line.size() || line[at + n] != ' ') continue;
    if (const auto fn = func_at(skip_spaces(line.substr(at + n))); !fn.empty()) return demangle(fn);
  }
  return std::nullopt;
}

std::string demangle(std::string_view name) {
  // Itanium C++ ABI, names only (what syzkaller's demangle.Filter with NoParams keeps).
  if (!name.starts_with("_Z")) return std::string(name);
  auto s = name.substr(2);
  const bool nested = s.starts_with("N");
  if (nested) s.remove_prefix(1);
  std::string out;
  while (!s.empty() && is_digit(s.front())) {
    std::size_t len = 0, n = 0;
    while (n < s.size() && is_digit(s[n])) len = len * 10 + static_cast<std::size_t>(s[n++] - '0');
    if (len == 0 || n + len > s.size()) return std::string(name);
    if (!out.empty()) out += "::";
    out += s.substr(n, len);
    s.remove_prefix(n + len);
    if (!nested) break;
  }
  return out.empty() ? std::string(name) : out;
}

StackWalk::StackWalk(const std::vector<std::string>& lines, std::vector<std::string_view> extra_skip)
    : lines_(lines), extra_skip_(std::move(extra_skip)) {}

bool StackWalk::corrupted_line(std::string_view line) {
  // syzkaller's corruptedLines: "[ [<pc>]] should_fail[slab][.suffix]+0x" (fault injection's own stack).
  auto s = line;
  if (s.starts_with(" [")) {
    if (const auto n = pc_len(s.substr(1)); n > 0) s.remove_prefix(1 + n);
  }
  if (!s.starts_with(" should_fail")) return false;
  s.remove_prefix(12);
  if (s.starts_with("slab")) s.remove_prefix(4);
  if (s.starts_with(".")) s.remove_prefix(1 + span_of(s.substr(1), [](char c) { return is_lower_hex(c) || (c >= 'a' && c <= 'z') || c == '.'; }));
  if (!s.starts_with("+0x")) return false;
  corrupted_ = true;
  return true;
}

void StackWalk::add(std::string_view fn) {
  if (is_skipped_frame(fn)) return;
  for (auto x : extra_skip_)
    if (contains(fn, x)) return;
  frames_.emplace_back(fn);
}

void StackWalk::stack() {
  for (; pos_ < lines_.size(); ++pos_) {
    const auto& l = lines_[pos_];
    if (corrupted_line(l)) {
      ++pos_;
      return;
    }
    if (is_stack_start(l)) {
      ++pos_;
      return;
    }
    for (const auto& f : line_frames(l)) add(f);
  }
}

}  // namespace simtrinity::report
