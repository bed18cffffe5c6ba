#include "report/signature.h"

#include <algorithm>

#include <fmt/format.h>

#include "report/lock_facts.h"
#include "report/text.h"

namespace simtrinity::report {
namespace {

void add(std::vector<std::string>& out, const std::optional<LockLine>& l) {
  if (l && !l->cls.empty()) out.push_back(l->cls);
}

void add_list(std::vector<std::string>& out, const ScannedReport& r) {
  if (r.held_lists.empty()) return;
  for (const auto& l : r.held_lists.front().locks) out.push_back(l.cls);
}

std::vector<std::string> raw_classes(const ScannedReport& r) {
  std::vector<std::string> out;
  switch (r.header.kind) {
    case Kind::recursive: add(out, r.acquire); break;
    case Kind::circular:
      for (const auto& e : r.chain)
        if (!e.cls.empty()) out.push_back(e.cls);
      if (out.empty()) {
        add(out, r.acquire);
        add(out, r.held);
      }
      break;
    case Kind::irq_inversion: add(out, r.changed); break;
    case Kind::safe_unsafe:
    case Kind::same_instance:
      add(out, r.acquire);
      add(out, r.held);
      break;
    case Kind::inconsistent:
      add(out, r.takes);
      if (!r.usage_transition.empty()) out.push_back("{" + r.usage_transition + "}");
      break;
    case Kind::held_freed: add(out, r.freed); break;
    case Kind::bad_unlock:
      if (!r.release_map.empty()) out.push_back(r.release_map);
      break;
    case Kind::exit_locks:
    case Kind::user_return: add_list(out, r); break;
    case Kind::hung:
    case Kind::cant_die: add(out, hung_waited_lock(r)); break;
    case Kind::blocked_self:
      if (auto b = self_deadlock(r)) {
        out.push_back(b->lock.cls);
        if (auto h = same_instance_held(r, *b)) out.push_back(h->cls);
      }
      break;
    case Kind::circular_wait:
    case Kind::all_blocked:
      for (const auto& b : r.blocked) out.push_back(b.lock.cls);
      break;
    case Kind::dentry_alias:
      if (!r.fs_type.empty()) out.push_back("fs:" + r.fs_type);
      break;
    // The frame alone names these: a WARN inside lockdep, a stall, a lockup.
    case Kind::nested_not_taken:
    case Kind::locking_bug:
    case Kind::rcu_stall:
    case Kind::soft_lockup:
    case Kind::hung_panic:
    case Kind::bare_header:
    case Kind::none: break;
  }
  return out;
}

}  // namespace

std::vector<std::string> key_classes(const ScannedReport& r) {
  auto out = raw_classes(r);
  for (auto& c : out) c = normalize_class(c);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A wait-for cycle as its edges, "class@site" (the class a task waits for, the
// function it waits in), sorted: the watchdog starts the report from whichever
// task of the cycle it found first, so the title's frame (the first task's
// site) rotates with it while this set does not.
std::string cycle_edges(const ScannedReport& r) {
  std::vector<std::string> edges;
  for (const auto& b : r.blocked) edges.push_back(normalize_class(b.lock.cls) + "@" + b.lock.at);
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  return fmt::format("{}", fmt::join(edges, ","));
}

std::string make_signature(const ScannedReport& r, const std::vector<std::string>& classes, const std::string& anchor) {
  // One cycle, one bucket: syzbot merges crashes whose titles (or alt titles)
  // meet (pkg/report/report.go Report.AltTitles), and gives lockdep's circular
  // report no alt title, so the same cycle met from another task is a second
  // bug there. For our own cycle report the edges stand in for the anchor.
  if (r.header.kind == Kind::circular_wait && !r.blocked.empty())
    return fmt::format("{}|{}|{}", kind_name(r.header.kind), fmt::join(classes, ","), cycle_edges(r));
  return fmt::format("{}|{}|{}", kind_name(r.header.kind), fmt::join(classes, ","), anchor);
}

std::string bucket_id(const std::string& signature) { return fmt::format("{:012x}", fnv1a(signature) >> 16); }

}  // namespace simtrinity::report
