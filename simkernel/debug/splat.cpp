#include "simkernel/debug/splat.h"

#include <algorithm>
#include <fmt/format.h>

#include "simkernel/debug/lock_dump.h"

namespace sk::debug {

std::string kernel_ident(const Kernel& k) { return fmt::format("{} #1 Not tainted", k.prof().release); }

std::string splat_header(const Kernel& k, std::string_view header, size_t eq, size_t dash) {
  if (!eq) eq = header.size();
  if (!dash) dash = header.size();
  return fmt::format("\n{}\n{}\n{}\n{}\n", std::string(eq, '='), header, kernel_ident(k), std::string(dash, '-'));
}

std::string stack_backtrace(const Kernel& k, const task_struct& t, const std::vector<trace_frame>& frames,
                            lock_dump_style style) {
  if (style == lock_dump_style::modern)
    return fmt::format("\nstack backtrace:\nCPU: 0 PID: {} Comm: {} {}\nCall Trace:\n <TASK>\n{} </TASK>\n", t.pid,
                       t.comm, kernel_ident(k), format_trace(frames, style));
  return fmt::format("\nstack backtrace:\nPid: {}, comm: {:.20} Not tainted {} #1\n{}", t.pid, t.comm,
                     k.prof().release, call_trace(frames, style));
}

std::string class_signature(const lock_class& c) {
  return c.subclass ? fmt::format("{}/{}", c.base, c.subclass) : c.base;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

void finish_blocked_report(const Kernel& k, Report& r, std::string text, const std::vector<task_struct*>& tasks,
                           lock_dump_style style) {
  for (task_struct* t : tasks) {
    auto frames = task_trace(*t, trace_top::blocked);
    text += show_task(*t, frames, splat_style(style));
    r.tasks.push_back(t->pid);
    add_trace(r, frames);
  }
  text += '\n';
  text += show_all_locks(k, style);
  sort_unique(r.locks);
  r.text = std::move(text);
}

Report make_report(std::string detector, bool fatal) {
  Report r;
  r.detector = std::move(detector);
  r.fatal = fatal;
  return r;
}

}  // namespace sk::debug
