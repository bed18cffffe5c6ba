#include "report/corruption.h"

#include "report/line_noise.h"

namespace simtrinity::report {
namespace {

// Kinds whose printk output carries no stack trace at all.
bool needs_stack(const ScannedReport& r) {
  switch (r.header.kind) {
    case Kind::user_return:
    case Kind::hung_panic:
    case Kind::bare_header: return false;
    case Kind::blocked_self: return !r.header_line.starts_with("Showing all locks held");
    default: return true;
  }
}

}  // namespace

std::string corruption_reason(const ScannedReport& r, const Title& t) {
  if (!t.problem.empty()) return t.problem;
  if (has_printk_timestamp(r.header_line)) return "a timestamp inside the header: interleaved lines";
  if (r.header.old_form && r.header_line.find(" ]") == std::string::npos) return "old-style header without ' ]'";
  if (r.should_fail) return "a fault-injection (should_fail) stack is mixed in";
  if (r.saw_chain_header && r.chain.empty()) return "the dependency chain is cut off";
  if (needs_stack(r) && r.traces.empty()) return "no stack trace";
  for (const auto& tr : r.traces)
    if (tr.frames.empty()) return "a call trace without frames";
  return {};
}

}  // namespace simtrinity::report
