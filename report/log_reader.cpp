#include "report/log_reader.h"

#include <algorithm>
#include <optional>

#include "report/line_noise.h"
#include "report/quoted_printable.h"
#include "report/text.h"

namespace simtrinity::report {
namespace {

constexpr std::size_t kChunk = 1 << 16;
constexpr std::size_t kMaxJoined = 2 * LogReader::kMaxLine;

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// "fs/namei.c:2395" or "include/linux/fs.h:771 [inline]": the source-location tail
// of a symbolized frame or lock line that a mailer pushed onto its own line.
bool is_source_location(std::string_view s) {
  s = trim(s);
  if (s.ends_with(" [inline]")) s.remove_suffix(9);
  const auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon < 3 || s.find(' ') != std::string_view::npos) return false;
  const auto file = s.substr(0, colon), line = s.substr(colon + 1);
  return !line.empty() && span_of(line, is_digit) == line.size() && (file.ends_with(".c") || file.ends_with(".h"));
}

// Whether `next` continues `cur` rather than starting a record of its own (§4 mailer wrap, KERN_CONT).
// Returns the separator to join with, or nullopt.
std::optional<std::string_view> join_separator(std::string_view cur, std::string_view next) {
  const auto n = trim(next);
  if (cur.empty() || n.empty()) return std::nullopt;
  if (ends_with(cur, "[inlin") && n.starts_with("e]")) return "";
  if (ends_with(cur, " Not") && n.starts_with("tainted")) return " ";
  if (n.starts_with("){") || n.starts_with(", at:") || n.starts_with(", instance:")) return "";
  std::optional<std::string_view> sep;
  if (ends_with(cur, " at:") || ends_with(cur, ", at:")) sep = " ";
  else if (ends_with(cur, ",") && (n.starts_with("instance:") || n.starts_with("at:"))) sep = " ";
  // syzbot's mails wrap at 80 columns and leave the break's space at the line's end.
  else if (is_source_location(n) && (contains(cur, "+0x") || cur.ends_with(" "))) sep = " ";
  // A report header is never a continuation (asked last: it costs three searches).
  if (!sep || contains(n, "WARNING:") || contains(n, "INFO:") || contains(n, "BUG:")) return std::nullopt;
  return sep;
}

}  // namespace

bool LogReader::read_physical(std::string& out) {
  out.clear();
  bool got = false;
  for (;;) {
    if (pos_ >= buf_.size()) {
      if (eof_) return got && ++physical_no_;
      buf_.resize(kChunk);
      in_.read(buf_.data(), static_cast<std::streamsize>(kChunk));
      buf_.resize(static_cast<std::size_t>(in_.gcount()));
      pos_ = 0;
      if (buf_.empty()) {
        eof_ = true;
        return got && ++physical_no_;
      }
    }
    got = true;
    const auto nl = buf_.find('\n', pos_);
    const auto end = nl == std::string::npos ? buf_.size() : nl;
    if (out.size() < kMaxLine) out.append(buf_, pos_, std::min(end - pos_, kMaxLine - out.size()));
    pos_ = end + (nl == std::string::npos ? 0 : 1);
    if (nl != std::string::npos) {
      ++physical_no_;
      return true;
    }
  }
}

bool LogReader::read_decoded(std::string& out) {
  if (!read_physical(out)) return false;
  if (!quoted_printable_ && signals_quoted_printable(out)) quoted_printable_ = true;
  if (!flowed_ && contains(out, "format=flowed")) {
    flowed_ = true;
    delsp_ = contains(out, "delsp=yes") || contains(out, "DelSp=Yes");
  }
  if (quoted_printable_) {
    while (!out.empty() && out.back() == '=' && out.size() < kMaxJoined && read_physical(more_)) {
      out.pop_back();
      out += more_;
    }
    out = decode_quoted_printable(out);
  }
  return true;
}

bool LogReader::fetch(LogLine& out) {
  if (split_next_ >= split_.size()) {
    const auto first_no = physical_no_ + 1;
    if (!read_decoded(raw_)) return false;
    // RFC 3676 format=flowed (syzbot's mails): a line ending in a space goes on
    // in the next one, which repeats the quote marks ("> ") of a quoted reply;
    // with delsp=yes that space was the mailer's and goes too. "-- " is a signature.
    while (flowed_ && raw_.ends_with(" ") && raw_ != "-- " && raw_.size() < kMaxJoined && read_decoded(flowed_next_)) {
      if (delsp_) raw_.pop_back();
      const auto depth = std::min(span_of(raw_, [](char c) { return c == '>'; }),
                                  span_of(flowed_next_, [](char c) { return c == '>'; }));
      std::string_view next = flowed_next_;
      next.remove_prefix(depth);
      if (depth > 0 && next.starts_with(" ")) next.remove_prefix(1);
      raw_ += next;
    }
    std::string_view rest = raw_;
    std::size_t n = 0;
    for (;; ++n) {
      // "#012" is rsyslog's newline; a decoded "=0A" is a mailer's.
      const auto cut = std::min(rest.find("#012"), rest.find('\n'));
      const auto clean = strip_line_noise(rest.substr(0, cut));
      if (n == split_.size()) split_.emplace_back();
      split_[n].text.assign(clean.text);
      split_[n].context.assign(clean.context);
      // Each piece of a record split at "=0A" was a line of its own: number them on,
      // but never past the record's last physical line.
      split_[n].line_no = std::min<std::uint64_t>(first_no + n, physical_no_);
      if (cut == std::string_view::npos) break;
      rest.remove_prefix(cut + (rest[cut] == '\n' ? 1 : 4));
      if (rest.empty() && raw_.back() == '\n') break;  // "...=0A" at the record's end opens no line
    }
    split_.resize(n + 1);
    split_next_ = 0;
  }
  std::swap(out, split_[split_next_++]);
  return true;
}

bool LogReader::peek_line() {
  if (!has_peeked_) has_peeked_ = fetch(peeked_);
  return has_peeked_;
}

bool LogReader::next(LogLine& out) {
  if (!peek_line()) return false;
  std::swap(out, peeked_);
  has_peeked_ = false;
  // A line cut short and printed again: "** replaying previous printk message **"
  // follows the stump (a truncated "INFO: t"), the whole line comes after.
  while (peek_line() && contains(peeked_.text, "** replaying previous printk message **")) {
    has_peeked_ = false;
    if (!peek_line()) return false;
    std::swap(out, peeked_);
    has_peeked_ = false;
  }
  while (out.text.size() < kMaxJoined && peek_line()) {
    if (!peeked_.context.empty() && peeked_.context != out.context) break;
    const auto sep = join_separator(out.text, peeked_.text);
    if (!sep) break;
    out.text += *sep;
    out.text += trim(peeked_.text);
    has_peeked_ = false;
  }
  return true;
}

}  // namespace simtrinity::report
