#include "report/line_noise.h"

#include "report/text.h"

namespace simtrinity::report {
namespace {

std::string_view strip_mail_quoting(std::string_view s) {
  while (!s.empty() && s.front() == '>') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  }
  return s;
}

// "<Mon> <dd> <hh:mm:ss> <host> kernel: " or an ISO journal stamp before "kernel: ".
std::string_view strip_syslog(std::string_view s) {
  // A stamp starts with a month name or an ISO date: a console line ("[  1.2]", " fn+0x..") never does.
  if (s.empty() || !is_ident(s.front())) return s;
  const auto k = s.substr(0, 96).find(" kernel:");
  if (k == std::string_view::npos) return s;
  const auto head = s.substr(0, k);
  const auto colon = head.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon + 3 >= head.size() || !is_digit(head[colon - 1]) || !is_digit(head[colon + 1]) ||
      head[colon + 3] != ':')
    return s;
  s.remove_prefix(k + 8);
  if (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

// "<4>" loglevels and /dev/kmsg's "<prio>,<seq>,<usec>,<flags>;".
std::string_view strip_kmsg(std::string_view s) {
  if (s.size() > 2 && s.front() == '<') {
    const auto n = span_of(s.substr(1), is_digit);
    if (n > 0 && n + 1 < s.size() && s[n + 1] == '>') s.remove_prefix(n + 2);
  }
  const auto n = span_of(s, [](char c) { return is_digit(c) || c == ','; });
  if (n >= 5 && n < s.size() && s.substr(0, n).find(',') != std::string_view::npos) {
    const auto semi = s.find(';', n);
    if (semi != std::string_view::npos && semi < n + 8) s.remove_prefix(semi + 1);
  }
  return s;
}

// "[  123.456789]" at s; returns its length or 0.
std::size_t timestamp_len(std::string_view s) {
  if (s.empty() || s.front() != '[') return 0;
  std::size_t i = 1 + span_of(s.substr(1), is_space);
  const auto secs = span_of(s.substr(i), is_digit);
  if (secs == 0 || i + secs >= s.size() || s[i + secs] != '.') return 0;
  i += secs + 1;
  const auto frac = span_of(s.substr(i), is_digit);
  if (frac == 0 || i + frac >= s.size() || s[i + frac] != ']') return 0;
  return i + frac + 1;
}

// dmesg -T: "[Thu Mar 21 19:33:01 2013]".
std::size_t human_timestamp_len(std::string_view s) {
  if (s.size() < 26 || s.front() != '[' || s[4] != ' ' || s[8] != ' ') return 0;
  const auto close = s.find(']');
  return close != std::string_view::npos && close < 32 && s.substr(0, close).find(':') != std::string_view::npos
             ? close + 1
             : 0;
}

}  // namespace

bool has_printk_timestamp(std::string_view s) {
  for (auto at = s.find('['); at != std::string_view::npos; at = s.find('[', at + 1))
    if (timestamp_len(s.substr(at)) > 0) return true;
  return false;
}

// A mailer's indentation: UTF-8 no-break spaces (U+00A0, "=C2=A0" before
// quoted-printable decoding) where the console had spaces.
std::string_view strip_no_break_spaces(std::string_view s) {
  while (true) {
    const auto n = span_of(s, is_space);
    if (!s.substr(n).starts_with("\xc2\xa0")) return s;
    s.remove_prefix(n + 2);
  }
}

CleanLine strip_line_noise(std::string_view s) {
  CleanLine out;
  s = strip_syslog(strip_no_break_spaces(strip_mail_quoting(s)));
  s = strip_kmsg(s);
  if (auto n = timestamp_len(s) + human_timestamp_len(s); n > 0) {
    s.remove_prefix(n);
    // Caller id "[ T1234]" / "[ C1]" (CONFIG_PRINTK_CALLER).
    if (s.size() > 3 && s.front() == '[') {
      const auto close = s.find(']');
      const auto id = close == std::string_view::npos ? std::string_view{} : trim(s.substr(1, close - 1));
      if (id.size() >= 2 && (id.front() == 'T' || id.front() == 'C') &&
          span_of(id.substr(1), is_digit) == id.size() - 1) {
        out.context = id;
        s.remove_prefix(close + 1);
      }
    }
    if (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == '\r' || is_space(s.back()))) s.remove_suffix(1);
  out.text = s;
  return out;
}

}  // namespace simtrinity::report
