// Detector 2: no runnable task. When the scheduler finds nothing to run
// and every live user task sits in D state, nothing but a timer can ever
// change that: report all of them at once (fatal).
#pragma once
#include <vector>

#include "simkernel/debug/report.h"
#include "simkernel/debug/watchdog.h"

namespace sk::debug {

// The user tasks in D state (pid order) when every live user task other
// than init is in D state; empty otherwise.
std::vector<task_struct*> all_user_tasks_blocked(const Kernel& k);

Report all_blocked_report(const Kernel& k, const std::vector<task_struct*>& blocked, lock_dump_style style);

}  // namespace sk::debug
