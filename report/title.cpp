#include "report/title.h"

#include <array>

#include "report/lock_facts.h"
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

// The first "at:" of any held-lock list.
std::string first_list_at(const ScannedReport& r) {
  for (const auto& list : r.held_lists)
    for (const auto& l : list.locks)
      if (!l.at.empty()) return l.at;
  return {};
}

// Circular reports also skip the workqueue flushers: the dependency is on the work, not on them.
std::string circular_anchor(const ScannedReport& r) {
  Frames candidates{at_of(r.acquire), at_of(r.held)};
  for (const auto& e : r.chain) candidates = concat(std::move(candidates), title_frames(e.frames));
  for (const auto& t : r.traces) candidates = concat(std::move(candidates), title_frames(t.frames));
  constexpr std::array<std::string_view, 4> kWorkqueue = {"process_one_work", "flush_workqueue", "drain_workqueue",
                                                          "destroy_workqueue"};
  std::erase_if(candidates, [&](const std::string& f) {
    for (auto w : kWorkqueue)
      if (f.find(w) != std::string::npos) return true;
    return false;
  });
  return first_usable_frame(candidates);
}

struct Rule {
  std::string format;  // title with "%" for the anchor
  std::string anchor;
  std::string missing; // set when the report lacks what syzkaller's report regexp needs
  bool strip = true;   // a stack frame loses its syscall prefix; a report-regexp capture is kept as printed
};

std::string warn_or_bug(const ScannedReport& r, std::string_view what) {
  return std::string(r.header.bug_prefix ? "BUG: " : "WARNING: ") + std::string(what) + " in %";
}

Rule rule_for(const ScannedReport& r) {
  const bool old = r.header.old_form;
  switch (r.header.kind) {
    case Kind::recursive:
      return {"possible deadlock in %", at_of(r.acquire), r.acquire ? "" : "no lock after 'is trying to acquire'", false};
    case Kind::same_instance:
      return {"same lock instance nested in %", at_of(r.acquire),
              r.acquire ? "" : "no lock after 'is trying to acquire'"};
    case Kind::circular:
      return {"possible deadlock in %", old ? at_of(r.acquire) : circular_anchor(r),
              r.acquire ? "" : "no lock after 'is trying to acquire'"};
    case Kind::irq_inversion:
      return {"possible deadlock in %", at_of(r.changed), r.changed ? "" : "no lock after 'just changed the state'"};
    case Kind::safe_unsafe:
      return {"possible deadlock in %",
              old || r.became_frames.empty() ? at_of(r.acquire) : first_usable_frame(title_frames(r.became_frames)),
              ""};
    case Kind::inconsistent:
      return {"inconsistent lock state in %", old ? at_of(r.takes) : first_usable_frame(first_trace(r)),
              r.takes ? "" : "no lock after 'takes:'"};
    case Kind::held_freed: {
      const auto at = r.freed ? r.freed->at : first_list_at(r);
      return {warn_or_bug(r, "held lock freed"), at, ""};
    }
    case Kind::bad_unlock:
      return {warn_or_bug(r, "bad unlock balance"),
              r.release_at ? r.release_at->fn : first_usable_frame(first_trace(r)), ""};
    case Kind::exit_locks: {
      auto at = first_list_at(r);
      return {warn_or_bug(r, "still has locks held"), at.empty() ? first_usable_frame(first_trace(r)) : at, ""};
    }
    case Kind::user_return:
      return {warn_or_bug(r, "lock held when returning to user space"), first_list_at(r), ""};
    case Kind::hung:
      return {"INFO: task hung in %", hang_frame(first_trace(r)), ""};
    case Kind::hung_panic:
      return {"kernel panic: hung_task: blocked tasks", "", "the 'INFO: task' header was lost"};
    case Kind::blocked_self: {
      const auto b = self_deadlock(r);
      return {"possible deadlock in %", first_usable_frame(concat({b ? b->lock.at : ""}, first_trace(r))),
              b ? "" : "no lock the task is blocked on"};
    }
    case Kind::circular_wait:
      return {"possible deadlock in %",
              first_usable_frame(concat({r.blocked.empty() ? "" : r.blocked.front().lock.at}, first_trace(r))),
              r.blocked.empty() ? "no 'is blocked on' line" : ""};
    case Kind::all_blocked:
      return {"all tasks blocked in %", hang_frame(first_trace(r)), ""};
    case Kind::dentry_alias:
      return {"directory inode with several dentries in %", dentry_alias_frame(first_trace(r)), ""};
    case Kind::bare_header: {
      const auto& h = r.header_line;
      const auto word = h.find("WARNING:") != std::string::npos ? "WARNING" : h.find("BUG:") != std::string::npos ? "BUG" : "INFO";
      return {std::string(word) + ": corrupted", "", "a bare report header"};
    }
    case Kind::none: break;
  }
  return {"unknown lock report", "", "unrecognised report"};
}

}  // namespace

Title make_title(const ScannedReport& r) {
  auto rule = rule_for(r);
  Title t;
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
