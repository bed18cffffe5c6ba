#include "report/title.h"

#include <array>

#include "report/lock_facts.h"
#include "report/stack_parts.h"
#include "report/text.h"
#include "report/title_rules.h"

namespace simtrinity::report {
namespace {

using Frames = std::vector<std::string>;

Frames first_trace(const ScannedReport& r) { return r.traces.empty() ? Frames{} : title_frames(r.traces.front().frames); }

Frames concat(Frames a, const Frames& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string at_of(const std::optional<LockLine>& l) { return l ? l->at : ""; }

struct Rule {
  std::string format;  // title with "%" for the anchor
  std::string anchor;
  std::string missing; // set when the report lacks what syzkaller's report regexp needs
  bool strip = true;   // a stack frame loses its syscall prefix; a report-regexp capture is kept as printed
  bool walk_corrupted = false;  // a fault-injection frame was met on the way
  bool no_stack_trace = false;  // the kind prints no stack trace (syzkaller's noStackTrace)
};

std::string warn_or_bug(const ScannedReport& r, std::string_view what) {
  return std::string(r.header.bug_prefix ? "BUG: " : "WARNING: ") + std::string(what) + " in %";
}

using Lines = std::vector<std::string>;
using LinePred = bool (*)(std::string_view);

// syzkaller's report regexps, "<header>(?:.*\n)+?.*<step1>(?:.*\n)+?.*<step2>...": each
// step on a later line than the one before, the last one capturing the frame.
template <typename Get>
std::optional<std::string> report_capture(const Lines& lines, std::initializer_list<std::string_view> steps, Get get) {
  std::size_t i = 1;
  for (auto step : steps) {
    while (i < lines.size() && !contains(lines[i], step)) ++i;
    if (i++ >= lines.size()) return std::nullopt;
  }
  for (; i < lines.size(); ++i)
    if (auto f = get(lines[i])) return f;
  return std::nullopt;
}

auto at_any(std::string_view l) { return at_frame(l, false); }
auto at_pc(std::string_view l) { return at_frame(l, true); }
auto at_no_pc(std::string_view l) -> std::optional<std::string> {  // "at: {{FUNC}}" with no [<pc>]
  for (auto at = l.find("at: "); at != std::string_view::npos; at = l.find("at: ", at + 1))
    if (auto f = at_frame(l.substr(at), false); f && !l.substr(at + 4).starts_with("[")) return f;
  return std::nullopt;
}
bool is_call_trace(std::string_view l) {  // syzkaller's linuxCallTrace
  return contains(l, "Call Trace:") || contains(l, "Call trace:") || contains(l, "Backtrace:");
}

struct Walked {
  std::vector<std::string> frames;  // skip list applied, syscall prefixes stripped
  bool ok = true;
};

Walked walked(const StackWalk& w) {
  Walked out;
  for (const auto& f : w.frames()) out.frames.push_back(strip_syscall_prefix(f));
  out.ok = !w.corrupted();
  return out;
}

// [Call Trace, the stack].
Walked call_trace(const Lines& lines, std::vector<std::string_view> skip = {}) {
  StackWalk w(lines, std::move(skip));
  if (w.marker(is_call_trace)) w.stack();
  return walked(w);
}

// syzkaller's warningStackFmt: the RIP frame (or ppc64's "--- interrupt: N at fn") and the
// stack after it; failing that, the Call Trace.
Walked warning_stack(const Lines& lines, std::vector<std::string_view> skip) {
  StackWalk w(lines, skip);
  if (w.capture([](std::string_view l) -> std::optional<std::string> {
        if (auto f = rip_frame(l)) return f;
        if (const auto at = l.find("--- interrupt: "); at != std::string_view::npos)
          if (const auto a = l.find(" at ", at); a != std::string_view::npos) {
            const auto fs = line_frames(" " + std::string(l.substr(a + 4)));
            if (!fs.empty()) return fs.front();
          }
        return std::nullopt;
      }))
    w.stack();
  auto first = walked(w);
  if (!first.frames.empty() && first.ok) return first;
  return call_trace(lines, std::move(skip));
}

std::string first_of(const Walked& w) { return w.frames.empty() ? "" : w.frames.front(); }

Rule from_stack(std::string format, const Walked& w, std::string frame) {
  Rule r{std::move(format), std::move(frame), "", false};  // walked() stripped the prefixes
  r.walk_corrupted = !w.ok;
  return r;
}

constexpr std::string_view kNoReportMatch = "matched title but not report regexp";

// A real kernel's report, titled by syzkaller's format for its kind (pkg/report/linux.go).
Rule real_rule(const RawReport& raw, const ScannedReport& r) {
  const auto& lines = raw.lines;
  const bool old = r.header.old_form;
  // The old "[ INFO: ... ]" regexps match the closing bracket too.
  const bool old_cut = old && !r.header.bug_prefix && !contains(r.header_line, " ]");
  auto report_only = [&](std::string format, std::optional<std::string> f) {
    if (old_cut) f.reset();
    Rule rule{std::move(format), f.value_or(""), f ? "" : std::string(kNoReportMatch), false};
    return rule;
  };
  switch (r.header.kind) {
    case Kind::recursive:
      return report_only("possible deadlock in %", old ? report_capture(lines, {"is trying to acquire lock"}, at_pc)
                                                       : report_capture(lines, {"is trying to acquire lock"}, at_any));
    case Kind::circular: {
      if (old) return report_only("possible deadlock in %", report_capture(lines, {"is trying to acquire lock"}, at_pc));
      if (!report_capture(lines, {"is trying to acquire lock"}, [](std::string_view) { return std::optional<std::string>(""); }))
        return report_only("", std::nullopt);
      // The two "at:" lines (acquiring, held), then the dependency chain's frames. The
      // workqueue functions take locks of the work items: the bug is not theirs.
      StackWalk w(lines, {"process_one_work", "flush_workqueue", "drain_workqueue", "destroy_workqueue"});
      w.capture(at_any);
      w.capture(at_any);
      w.stack();
      const auto f = walked(w);
      return from_stack("possible deadlock in %", f, first_of(f));
    }
    case Kind::irq_inversion:
      return report_only("possible deadlock in %",
                         report_capture(lines, {"just changed the state of lock"}, old ? at_pc : at_any));
    case Kind::safe_unsafe: {
      if (old) return report_only("possible deadlock in %", report_capture(lines, {"is trying to acquire"}, at_pc));
      StackWalk w(lines);
      if (w.marker([](std::string_view l) { return contains(l, "which became ") && contains(l, " at:"); })) w.stack();
      const auto f = walked(w);
      return from_stack("possible deadlock in %", f, first_of(f));
    }
    case Kind::inconsistent: {
      const auto takes = report_capture(lines, {"takes"}, old ? at_pc : at_any);
      if (old || !takes) return report_only("inconsistent lock state in %", takes);
      const auto f = call_trace(lines);
      return from_stack("inconsistent lock state in %", f, first_of(f));
    }
    case Kind::held_freed:
      return report_only(warn_or_bug(r, "held lock freed"),
                         report_capture(lines, {}, r.header.bug_prefix ? pc_frame : at_any));
    case Kind::bad_unlock: {
      StackWalk w(lines);
      w.capture(pc_frame);
      if (w.marker(is_call_trace)) w.stack();
      const auto f = walked(w);
      return from_stack(warn_or_bug(r, "bad unlock balance"), f, first_of(f));
    }
    case Kind::exit_locks:
      return report_only(warn_or_bug(r, "still has locks held"),
                         report_capture(lines, {}, r.header.bug_prefix ? pc_frame : at_no_pc));
    case Kind::user_return: {
      auto rule = report_only(warn_or_bug(r, "lock held when returning to user space"),
                              report_capture(lines, {"leaving the kernel with locks still held"}, at_any));
      rule.no_stack_trace = true;
      return rule;
    }
    case Kind::nested_not_taken: {
      const auto f = warning_stack(lines, {});
      return from_stack("WARNING: nested lock was not taken in %", f, first_of(f));
    }
    case Kind::locking_bug: {
      // arm's "BUG: Invalid wait context" is titled as x86's WARN in lockdep.c (one bug, one title).
      const auto f = r.header.bug_prefix ? call_trace(lines, {"lock_sock", "release_sock"})
                                         : warning_stack(lines, {"lock_sock", "release_sock"});
      return from_stack("WARNING: locking bug in %", f, first_of(f));
    }
    case Kind::hung: {
      const auto f = call_trace(lines);
      return from_stack("INFO: task hung in %", f, hang_frame(f.frames));
    }
    case Kind::cant_die: {
      const auto f = call_trace(lines, {"schedule"});
      return from_stack("INFO: task can't die in %", f, first_of(f));
    }
    case Kind::rcu_stall: {
      // The interrupted code: after the timer interrupt, its RIP and stack; else the
      // stack after the interrupt entry (arm64's el1h_64_irq, "Exception stack").
      const std::vector<std::string_view> skip = {"apic_timer_interrupt", "rcu"};
      StackWalk w(lines, skip);
      Walked f;
      if (w.marker([](std::string_view l) { return contains(l, "apic_timer_interrupt"); }) && w.capture(rip_frame)) {
        w.stack();
        f = walked(w);
      }
      auto frame = f.frames.empty() ? "" : stall_frame(f.frames);
      if (frame.empty() || !f.ok) {
        StackWalk w2(lines, skip);
        if (w2.marker([](std::string_view l) {
              return contains(l, "apic_timer_interrupt") || contains(l, "Exception stack") || contains(l, "el1h_64_irq");
            }))
          w2.stack();
        f = walked(w2);
        frame = f.frames.empty() ? "" : stall_frame(f.frames);
      }
      return from_stack("INFO: rcu detected stall in %", f, frame);
    }
    case Kind::soft_lockup: {
      StackWalk w(lines);
      w.capture(rip_frame);
      if (w.marker(is_call_trace)) w.stack();
      const auto f = walked(w);
      return from_stack("BUG: soft lockup in %", f, f.frames.empty() ? "" : stall_frame(f.frames));
    }
    case Kind::hung_panic:
      return {"kernel panic: hung_task: blocked tasks", "", "the 'INFO: task' header was lost"};
    case Kind::bare_header: {
      const auto& h = r.header_line;
      const auto word = h.find("WARNING:") != std::string::npos ? "WARNING" : h.find("BUG:") != std::string::npos ? "BUG" : "INFO";
      return {std::string(word) + ": corrupted", "", "a bare report header"};
    }
    default: break;
  }
  return {"unknown lock report", "", "unrecognised report"};
}

// simtrinity's own reports (and the seed's bare dump): our watchdog's words, our frames.
Rule sim_rule(const ScannedReport& r) {
  switch (r.header.kind) {
    case Kind::same_instance:
      return {"same lock instance nested in %", at_of(r.acquire),
              r.acquire ? "" : "no lock after 'is trying to acquire'"};
    case Kind::blocked_self: {
      const auto b = self_deadlock(r);
      return {"possible deadlock in %", first_sim_frame(concat({b ? b->lock.at : ""}, first_trace(r))),
              b ? "" : "no lock the task is blocked on"};
    }
    case Kind::circular_wait:
      return {"possible deadlock in %",
              first_sim_frame(concat({r.blocked.empty() ? "" : r.blocked.front().lock.at}, first_trace(r))),
              r.blocked.empty() ? "no 'is blocked on' line" : ""};
    case Kind::all_blocked:
      return {"all tasks blocked in %", hang_frame(first_trace(r)), ""};
    case Kind::dentry_alias:
      return {"directory inode with several dentries in %", dentry_alias_frame(first_trace(r)), ""};
    default: break;
  }
  return {"unknown lock report", "", "unrecognised report"};
}

bool is_sim_kind(Kind k) {
  return k == Kind::same_instance || k == Kind::blocked_self || k == Kind::circular_wait || k == Kind::all_blocked ||
         k == Kind::dentry_alias;
}

}  // namespace

Title make_title(const RawReport& raw, const ScannedReport& r) {
  auto rule = is_sim_kind(r.header.kind) ? sim_rule(r) : real_rule(raw, r);
  Title t;
  t.walk_corrupted = rule.walk_corrupted;
  t.no_stack_trace = rule.no_stack_trace;
  if (rule.missing == kNoReportMatch) {
    // syzkaller then titles the report by its header line, from the oops word on.
    const auto& h = r.header_line;
    const auto at = std::min({h.find("WARNING:"), h.find("INFO:"), h.find("BUG:")});
    t.text = normalize_title(at == std::string::npos ? h : h.substr(at));
    t.problem = rule.missing;
    return t;
  }
  t.anchor = rule.anchor.empty() || !rule.strip ? rule.anchor : strip_syscall_prefix(rule.anchor);
  t.problem = rule.missing;
  const auto hole = rule.format.find('%');
  if (hole != std::string::npos) {
    if (t.anchor.empty() && t.problem.empty()) t.problem = "no frame names the bug";
    rule.format.replace(hole, 1, t.anchor.empty() ? "corrupted" : t.anchor);
  }
  t.text = normalize_title(rule.format);
  return t;
}

}  // namespace simtrinity::report
