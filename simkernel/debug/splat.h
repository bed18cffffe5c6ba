// Pieces every watchdog report shares: the kernel ident line, the
// "blank line, ruler, header, ident, ruler" frame of a lockdep splat, and
// the bucketing form of a class name.
#pragma once
#include <string>
#include <string_view>

#include "simkernel/debug/report.h"
#include "simkernel/debug/stack_trace.h"
#include "simkernel/debug/watchdog.h"
#include "simkernel/kernel.h"

namespace sk::debug {

// print_kernel_ident(): "3.8.0-simtrinity #1 Not tainted".
std::string kernel_ident(const Kernel& k);

// "\n" + '=' * eq + "\n" + header + "\n" + ident + "\n" + '-' * dash + "\n".
// A zero ruler length means "as long as the header".
std::string splat_header(const Kernel& k, std::string_view header, size_t eq = 0, size_t dash = 0);

// "\nstack backtrace:\n", dump_stack()'s banner (3.x ≤3.9: "Pid: N, comm: C
// <taint> <release> #<build>"; modern "CPU: 0 PID: N Comm: C …") and the trace.
std::string stack_backtrace(const Kernel& k, const task_struct& t, const std::vector<trace_frame>& frames,
                            lock_dump_style style);

// The class name for signatures: "#N" stripped, "/S" kept.
std::string class_signature(const lock_class& c);

// Sorts and de-duplicates a signature list in place.
void sort_unique(std::vector<std::string>& v);

// The end of a report on sleeping tasks: each task's line and Call Trace
// (schedule on top), the system-wide lock dump; fills r.tasks, r.traces and
// r.text, and sorts r.locks.
void finish_blocked_report(const Kernel& k, Report& r, std::string text, const std::vector<task_struct*>& tasks,
                           lock_dump_style style);

// A report with its detector and fatality filled in.
Report make_report(std::string detector, bool fatal);

}  // namespace sk::debug
