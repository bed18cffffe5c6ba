#include "simkernel/debug/wait_for_graph.h"

#include <algorithm>
#include <fmt/format.h>

#include "simkernel/debug/lock_dump.h"
#include "simkernel/debug/splat.h"
#include "simkernel/debug/stack_trace.h"
#include "simkernel/locking/lock.h"

namespace sk::debug {

namespace {

bool dfs(task_struct& origin, task_struct& u, std::vector<wait_edge>& path, std::vector<task_struct*>& seen) {
  lock_base* l = u.blocked_on;
  if (!l) return false;
  for (task_struct* h : l->holders()) {
    path.push_back({&u, l, h});
    if (h == &origin) return true;
    if (std::find(seen.begin(), seen.end(), h) == seen.end()) {
      seen.push_back(h);
      if (dfs(origin, *h, path, seen)) return true;
    }
    path.pop_back();
  }
  return false;
}

std::string lock_instance_line(const held_lock* hl, lock_dump_style style) {
  return hl ? print_lock_instance(*hl, style) + "\n" : std::string(" (untracked)\n");
}

}  // namespace

const held_lock* find_held(const task_struct& t, const lock_base* lock, bool blocked) {
  for (const auto& hl : t.held_locks)
    if (hl.lock == lock && hl.blocked == blocked) return &hl;
  return nullptr;
}

std::vector<wait_edge> find_wait_cycle(task_struct& t) {
  std::vector<wait_edge> path;
  std::vector<task_struct*> seen{&t};
  if (!dfs(t, t, path, seen)) path.clear();
  return path;
}

Report deadlock_report(const Kernel& k, const std::vector<wait_edge>& cycle, lock_dump_style style) {
  const lock_dump_style ss = splat_style(style);
  const bool self = cycle.size() == 1;
  std::string text = splat_header(k, self ? "WARNING: possible deadlock: task blocked on a lock it holds"
                                          : "WARNING: possible deadlock: circular wait among tasks");
  Report r;
  std::vector<task_struct*> involved;
  for (const auto& e : cycle) {
    const held_lock* want = find_held(*e.waiter, e.lock, true);
    const held_lock* have = find_held(*e.holder, e.lock, false);
    text += fmt::format("{}/{} is blocked on lock:\n", e.waiter->comm, e.waiter->pid);
    text += lock_instance_line(want, ss);
    text += fmt::format("held by {}/{}{}:\n", e.holder->comm, e.holder->pid, e.holder == e.waiter ? " itself" : "");
    text += lock_instance_line(have, ss);
    text += '\n';
    if (want) r.locks.push_back(class_signature(*want->cls));
    if (have) r.locks.push_back(class_signature(*have->cls));
    if (std::find(involved.begin(), involved.end(), e.waiter) == involved.end()) involved.push_back(e.waiter);
  }
  finish_blocked_report(k, r, std::move(text), involved, style);
  r.detector = "wait-for-graph";
  r.fatal = true;
  return r;
}

}  // namespace sk::debug
