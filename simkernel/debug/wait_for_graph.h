// Detector 1: the wait-for graph. A task waits for the holders of the lock
// it is blocked on; a cycle through the task that just blocked is a
// deadlock, reported the moment it forms. The one-task cycle is a task
// blocked on a lock instance it already holds ("blocked on two locks").
#pragma once
#include <vector>

#include "simkernel/debug/report.h"
#include "simkernel/debug/watchdog.h"

namespace sk::debug {

struct wait_edge {
  task_struct* waiter;
  lock_base* lock;
  task_struct* holder;
};

// The cycle through `t` (t -> ... -> t), or empty. Holders are tried in
// lock_base::holders() order, so the answer is deterministic.
std::vector<wait_edge> find_wait_cycle(task_struct& t);

// The fatal "deadlock" report for a cycle found by find_wait_cycle.
Report deadlock_report(const Kernel& k, const std::vector<wait_edge>& cycle, lock_dump_style style);

// The entry of `t`'s held-lock stack for `lock`: the granted one, or the
// waited-for one when `blocked`; nullptr if there is none.
const held_lock* find_held(const task_struct& t, const lock_base* lock, bool blocked);

}  // namespace sk::debug
