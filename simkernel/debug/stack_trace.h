// Call traces of simulated tasks, printed as the kernel prints them.
// A task's kstack holds its simulated kernel frames (outermost first); what
// is not on it is added here: `schedule` on top of a blocked task, lockdep's
// own frames on top of a splat, and the entry code at the bottom
// (system_call_fastpath for a syscall, kthread/ret_from_fork for a kthread).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simkernel/debug/kallsyms.h"
#include "simkernel/debug/report.h"
#include "simkernel/debug/watchdog.h"
#include "simkernel/kernel/task.h"

namespace sk::debug {

struct trace_frame {
  int sym;
  uint32_t off;
  const char* file = nullptr;  // the simulated source, for frames of simulated functions
  int line = 0;                // the line of `off` in it (the function's first line when unknown)
};

// What sits above the task's own innermost frame.
enum class trace_top {
  none,          // the task is running the report (WARN-style dump)
  blocked,       // sleeping: schedule
  lockdep,       // inside a splat: __lock_acquire, lock_acquire
  lock_acquire,  // a dependency's saved trace: lock_acquire
  lock_release,  // a bad unlock: lock_release
};

std::vector<trace_frame> task_trace(const task_struct& t, trace_top top);

// "[<ffffffff811c7034>] lock_rename+0x114/0x120" (3.x) or "lock_rename+0x114/0x120" (modern).
std::string format_frame(const trace_frame& f, lock_dump_style style);
// One line per frame: indent + frame.
std::string format_trace(const std::vector<trace_frame>& frames, lock_dump_style style, std::string_view indent = " ");
// "Call Trace:" and the frames.
std::string call_trace(const std::vector<trace_frame>& frames, lock_dump_style style);
// sched_show_task(): the task line ("%-15.15s D %016lx     0 %5d %6d 0x%08lx"
// in 3.x, "task:… state:D …" in the modern style) and its Call Trace.
std::string show_task(const task_struct& t, const std::vector<trace_frame>& frames, lock_dump_style style);
// "lock_rename+0x114/0x120" per frame (Report::traces).
std::vector<std::string> frame_strings(const std::vector<trace_frame>& frames);
// "simkernel/fs/rename_locking.cpp:157" per frame, "" for frames with no
// source of their own (entry code, the scheduler) (Report::trace_sources).
std::vector<std::string> frame_sources(const std::vector<trace_frame>& frames);
// Appends one task's trace to the report: traces and trace_sources.
void add_trace(Report& r, const std::vector<trace_frame>& frames);

}  // namespace sk::debug
