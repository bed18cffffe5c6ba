#include "simkernel/debug/all_blocked.h"

#include <fmt/format.h>

#include "simkernel/debug/lock_dump.h"
#include "simkernel/debug/splat.h"
#include "simkernel/debug/stack_trace.h"
#include "simkernel/debug/wait_for_graph.h"

namespace sk::debug {

std::vector<task_struct*> all_user_tasks_blocked(const Kernel& k) {
  std::vector<task_struct*> blocked;
  for (task_struct* t : k.tasks()) {
    if (t->kthread || t->pid == 1 || t->state == task_state::dead) continue;
    if (t->state != task_state::uninterruptible) return {};
    blocked.push_back(t);
  }
  return blocked;
}

Report all_blocked_report(const Kernel& k, const std::vector<task_struct*>& blocked, lock_dump_style style) {
  const lock_dump_style ss = splat_style(style);
  std::string text = splat_header(k, "WARNING: all tasks blocked");
  text += fmt::format("{} task{} in D state, none runnable:\n", blocked.size(), blocked.size() > 1 ? "s" : "");
  Report r;
  for (task_struct* t : blocked) {
    const held_lock* want = t->blocked_on ? find_held(*t, t->blocked_on, true) : nullptr;
    text += fmt::format("{}/{} is blocked on lock:\n", t->comm, t->pid);
    text += want ? print_lock_instance(*want, ss) + "\n" : std::string(" (untracked)\n");
    if (want) r.locks.push_back(class_signature(*want->cls));
  }
  text += '\n';
  finish_blocked_report(k, r, std::move(text), blocked, style);
  r.detector = "all-blocked";
  r.fatal = true;
  return r;
}

}  // namespace sk::debug
