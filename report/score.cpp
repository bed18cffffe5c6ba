#include "report/score.h"

#include <array>
#include <sstream>

#include <fmt/format.h>

#include "report/parser.h"
#include "report/text.h"

namespace simtrinity::report {
namespace {

// "Return-Path: <...>", "Received: from ...", "From foo@bar Mon ...": the
// first line of a raw RFC 822 message.
bool is_mail_header_line(std::string_view l) {
  if (l.starts_with("From ")) return true;
  const auto n = span_of(l, [](char c) { return is_ident(c) || c == '-'; });
  return n > 0 && n + 1 < l.size() && l[n] == ':' && l[n + 1] == ' ' && !is_digit(l.front());
}

// The header keys of syzkaller's harness (pkg/report/report_test.go), and our SOURCE:.
bool is_known_key(std::string_view k) {
  constexpr std::array<std::string_view, 11> kKeys = {"TITLE", "ALT", "TYPE", "CORRUPTED", "FRAME", "START",
                                                      "END", "SUPPRESSED", "PANICKED", "EXECUTOR", "SOURCE"};
  for (auto key : kKeys)
    if (k == key) return true;
  return false;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto nl = s.find('\n');
    out.push_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

// syzkaller title phrases, in the words of its formats, and the row each names.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kClasses = {{
    {"possible deadlock in ", "possible deadlock"},
    {"WARNING: possible circular locking dependency detected", "possible deadlock"},
    {"inconsistent lock state in ", "inconsistent lock state"},
    {"held lock freed in ", "held lock freed"},
    {"bad unlock balance in ", "bad unlock balance"},
    {"lock held when returning to user space in ", "lock held returning to user"},
    {"still has locks held in ", "still has locks held"},
    {"nested lock was not taken in ", "nested lock was not taken"},
    {"WARNING: locking bug in ", "locking bug"},
    {"INFO: task hung in ", "task hung"},
    {"INFO: task can't die in ", "task can't die"},
    {"kernel panic: hung_task: blocked tasks", "hung_task panic"},
    {"INFO: rcu detected stall in ", "rcu detected stall"},
    {"BUG: soft lockup in ", "soft lockup"},
    {"BUG: soft lockup", "soft lockup"},
}};

}  // namespace

std::optional<TestFile> read_test_file(std::string_view text, std::string& error) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text)
    if (c != '\r') clean += c;
  const auto lines = split_lines(clean);
  TestFile t;
  std::size_t i = 0;
  bool keyed = !lines.empty() && lines[0].empty();  // no header at all: no report expected
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const auto l = lines[i];
    const auto colon = l.find(':');
    const auto key = l.substr(0, colon);
    if (l.starts_with("#")) continue;
    if (colon == std::string_view::npos || !is_known_key(key)) {
      error = "not a report test file (line " + std::to_string(i + 1) + " of the header is not KEY: value)";
      return std::nullopt;
    }
    keyed = true;
    const auto value = std::string(trim(l.substr(colon + 1)));
    if (key == "TITLE") t.title = value;
    else if (key == "ALT") t.alts.push_back(value);
    else if (key == "CORRUPTED") t.corrupted = value == "Y";
  }
  if (!keyed || i == lines.size()) {
    error = "not a report test file (no TITLE:/TYPE:/... header block ended by an empty line)";
    return std::nullopt;
  }
  ++i;
  // The harness's rule: a "REPORT:" line right after an empty line starts the expected report text.
  std::size_t end = lines.size();
  for (std::size_t j = i + 1; j < lines.size(); ++j)
    if (lines[j] == "REPORT:" && lines[j - 1].empty()) {
      end = j - 1;
      break;
    }
  for (std::size_t j = i; j < end; ++j) {
    t.log.append(lines[j]);
    t.log += '\n';
  }
  if (i < end && is_mail_header_line(lines[i]))
    for (std::size_t j = i; j < end; ++j)
      if (lines[j].empty()) {
        t.body_line = j - i + 2;
        break;
      }
  return t;
}

std::string title_class(std::string_view title) {
  for (const auto& [phrase, cls] : kClasses)
    if (contains(title, phrase)) return std::string(cls);
  return {};
}

FileScore score_file(std::string file, const TestFile& t) {
  FileScore s;
  s.file = std::move(file);
  s.cls = title_class(t.title);
  s.expected = t.title;
  s.expected_corrupted = t.corrupted;
  std::istringstream in(t.log);
  std::optional<ParsedReport> first;
  std::uint64_t first_foreign = 0;
  parse_stream(
      in,
      [&](const RawReport&, const ScannedReport&, ParsedReport&& p) {
        if (!first && p.line_no >= t.body_line) first = std::move(p);
      },
      [&](std::uint64_t line_no) {
        if (first_foreign == 0 && line_no >= t.body_line) first_foreign = line_no;
      });
  if (first && (first_foreign == 0 || first->line_no < first_foreign)) {
    s.got = first->title;
    s.got_corrupted = first->corrupted();
    s.corrupt_reason = first->corrupt_reason;
  }
  if (s.cls.empty()) {
    s.title_ok = s.alt_ok = s.got.empty();
    s.corrupted_ok = true;
    return s;
  }
  s.title_ok = s.got == s.expected;
  s.alt_ok = s.title_ok;
  for (const auto& a : t.alts) s.alt_ok |= s.got == a;
  s.corrupted_ok = s.got_corrupted == s.expected_corrupted;
  return s;
}

void ScoreTable::add(FileScore s) {
  auto& row = rows_[s.cls];
  ++row.files;
  row.exact += s.title_ok;
  row.alt += s.alt_ok;
  row.corrupted_agree += s.corrupted_ok;
  files_.push_back(std::move(s));
}

ScoreTable::Row ScoreTable::lock_total() const {
  Row t;
  for (const auto& [cls, r] : rows_) {
    if (cls.empty()) continue;
    t.files += r.files;
    t.exact += r.exact;
    t.alt += r.alt;
    t.corrupted_agree += r.corrupted_agree;
  }
  return t;
}

void ScoreTable::write(std::ostream& out) const {
  auto cell = [](std::size_t n, std::size_t of) {
    return fmt::format("{} ({:.1f}%)", n, of == 0 ? 100.0 : 100.0 * static_cast<double>(n) / static_cast<double>(of));
  };
  auto line = [&](std::string_view name, const Row& r, bool lock) {
    out << fmt::format("{:<30}{:>6}  {:>14}", name, r.files, cell(r.exact, r.files));
    if (lock) out << fmt::format("  {:>14}  {:>14}", cell(r.alt, r.files), cell(r.corrupted_agree, r.files));
    out << "\n";
  };
  out << fmt::format("{:<30}{:>6}  {:>14}  {:>14}  {:>14}\n", "KIND (syzkaller's title)", "FILES", "EXACT TITLE",
                     "TITLE OR ALT", "CORRUPTED FLAG");
  for (const auto& [cls, r] : rows_)
    if (!cls.empty()) line(cls, r, true);
  line("all lock/hang", lock_total(), true);
  if (const auto it = rows_.find(""); it != rows_.end()) line("no lock title expected", it->second, false);
  bool header = false;
  for (const auto& f : files_) {
    if (f.title_ok && f.corrupted_ok) continue;
    if (!header) out << "\nDisagreements (file: syzkaller's title | report/'s title):\n";
    header = true;
    out << f.file << ": " << (f.expected.empty() ? "(no report)" : f.expected)
        << (f.expected_corrupted ? " [corrupted]" : "") << " | " << (f.got.empty() ? "(none)" : f.got)
        << (f.got_corrupted ? " [corrupted: " + f.corrupt_reason + "]" : "") << "\n";
  }
}

}  // namespace simtrinity::report
