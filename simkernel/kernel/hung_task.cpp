#include "simkernel/kernel/hung_task.h"

#include <algorithm>
#include <fmt/format.h>

#include "simkernel/debug/lock_dump.h"
#include "simkernel/debug/splat.h"
#include "simkernel/debug/stack_trace.h"

namespace sk {

using namespace debug;  // the splat, lock and stack printers

void HungTaskDetector::khungtaskd() {
  while (opts_.hung_task && opts_.hung_task_timeout_secs && warnings_left_ > 0) {
    k_.schedule_timeout(timeout_ns());
    if (opts_.hung_task) check();
  }
}

bool HungTaskDetector::check() {
  const uint64_t now = k_.now_ns();
  const uint64_t timeout = timeout_ns();
  std::vector<task_struct*> hung;
  for (task_struct* t : k_.tasks()) {
    if (t->state != task_state::uninterruptible) continue;
    if (t->nvcsw != t->last_switch_count) {  // it ran since the last scan
      t->last_switch_count = t->nvcsw;
      continue;
    }
    if (now - t->blocked_since < timeout) continue;
    if (std::find(reported_.begin(), reported_.end(), t->pid) != reported_.end()) continue;
    if (warnings_left_ <= 0) break;
    warnings_left_--;
    reported_.push_back(t->pid);
    hung.push_back(t);
  }
  if (hung.empty()) return false;
  k_.report(hung_report(hung));
  return true;
}

Report HungTaskDetector::hung_report(const std::vector<task_struct*>& hung) const {
  const auto style = static_cast<lock_dump_style>(opts_.style);
  const lock_dump_style ss = splat_style(style);
  Report r;
  std::string text;
  for (task_struct* t : hung) {
    text += fmt::format("INFO: task {}:{} blocked for more than {} seconds.\n", t->comm, t->pid,
                        opts_.hung_task_timeout_secs);
    if (style == lock_dump_style::modern) text += fmt::format("      {}\n", kernel_ident(k_));
    text += "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n";
    auto frames = task_trace(*t, trace_top::blocked);
    text += show_task(*t, frames, ss);
    text += print_held_locks(*t, ss);
    r.tasks.push_back(t->pid);
    add_trace(r, frames);
    if (!t->held_locks.empty()) r.locks.push_back(class_signature(*t->held_locks.back().cls));
  }
  text += '\n';
  text += show_all_locks(k_, style);
  r.detector = "hung_task";
  r.fatal = true;
  r.text = std::move(text);
  return r;
}

}  // namespace sk
