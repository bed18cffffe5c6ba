#include "report/corruption.h"

#include "report/line_noise.h"
#include "report/stack_parts.h"

namespace simtrinity::report {
namespace {

// Our own kinds (the watchdog's words): a trace is printed unless it is the bare lock dump.
std::string sim_reason(const ScannedReport& r) {
  const bool needs_stack = r.header.kind != Kind::blocked_self || !r.header_line.starts_with("Showing all locks held");
  if (needs_stack && r.traces.empty()) return "no stack trace";
  for (const auto& tr : r.traces)
    if (tr.frames.empty()) return "a call trace without frames";
  return {};
}

// syzkaller's isCorrupted (pkg/report/linux.go at google/syzkaller@1e72964b): the first
// stack start of each kind the report has must be followed, within 15 lines and before
// another stack start, by a frame; and at least one must be there.
std::string stack_reason(const std::vector<std::string>& lines) {
  bool any = false;
  unsigned seen = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int kind = stack_start_kind(lines[i]);
    if (kind == 0 || (seen & (1u << kind))) continue;
    seen |= 1u << kind;
    if (i + 2 >= lines.size()) return "call trace is missed";
    bool framed = false;
    for (std::size_t j = i + 1; j < lines.size() && j <= i + 15; ++j) {
      if (is_stack_start(lines[j])) break;
      if (lines[j].find("(stack is not available)") != std::string::npos || !line_frames(lines[j]).empty()) {
        framed = true;
        break;
      }
    }
    if (!framed) return "no frames in a stack trace";
    any = true;
  }
  return any ? "" : "no stack trace in report";
}

}  // namespace

std::string corruption_reason(const RawReport& raw, const ScannedReport& r, const Title& t) {
  if (!t.problem.empty()) return t.problem;
  if (t.walk_corrupted) return "a fault-injection (should_fail) stack is mixed in";
  if (has_printk_timestamp(t.text)) return "a timestamp inside the title: interleaved lines";
  switch (r.header.kind) {
    case Kind::same_instance:
    case Kind::blocked_self:
    case Kind::circular_wait:
    case Kind::all_blocked:
    case Kind::dentry_alias: return sim_reason(r);
    default: break;
  }
  if (t.no_stack_trace) return {};
  return stack_reason(raw.lines);
}

}  // namespace simtrinity::report
