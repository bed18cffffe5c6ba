#include "simkernel/debug/stack_trace.h"

#include <fmt/format.h>

#include "simkernel/debug/kallsyms.h"
#include "simkernel/debug/kframe.h"

namespace sk::debug {

namespace {
constexpr int kSchedule = ksym_index("schedule");
constexpr int kLockAcquire = ksym_index("lock_acquire");
constexpr int kLockRelease = ksym_index("lock_release");
constexpr int kLockAcquireInner = ksym_index("__lock_acquire");
constexpr int kSyscallEntry = ksym_index("system_call_fastpath");
constexpr int kKthread = ksym_index("kthread");
constexpr int kRetFromFork = ksym_index("ret_from_fork");

bool is_syscall_frame(int sym) {
  std::string_view n = ksym_name(sym);
  return n.starts_with("sys_") || n.starts_with("stub_");
}
}  // namespace

std::vector<trace_frame> task_trace(const task_struct& t, trace_top top) {
  std::vector<trace_frame> out;
  switch (top) {
    case trace_top::none:
      break;
    case trace_top::blocked:
      out.push_back({kSchedule, ksym_site_offset(kSchedule, 3)});
      break;
    case trace_top::lockdep:
      out.push_back({kLockAcquireInner, ksym_site_offset(kLockAcquireInner, 700)});
      out.push_back({kLockAcquire, ksym_call_offset(kLockAcquire, kLockAcquireInner)});
      break;
    case trace_top::lock_acquire:
      out.push_back({kLockAcquire, ksym_call_offset(kLockAcquire, kLockAcquireInner)});
      break;
    case trace_top::lock_release:
      out.push_back({kLockRelease, ksym_site_offset(kLockRelease, 40)});
      break;
  }
  for (auto it = t.kstack.rbegin(); it != t.kstack.rend(); ++it) {
    uint32_t off = kframe_ip_off(*it);
    if (!off) off = out.empty() ? ksym_site_offset(it->sym, 1) : ksym_call_offset(it->sym, out.back().sym);
    const int line = it->callee < 0 && it->site_line ? it->site_line : it->base_line;
    out.push_back({it->sym, off, it->file, line});
  }
  if (t.kthread) {
    int callee = out.empty() ? kSchedule : out.back().sym;
    out.push_back({kKthread, ksym_call_offset(kKthread, callee)});
    out.push_back({kRetFromFork, ksym_call_offset(kRetFromFork, kKthread)});
  } else if (!t.kstack.empty() && is_syscall_frame(t.kstack.front().sym)) {
    out.push_back({kSyscallEntry, ksym_call_offset(kSyscallEntry, t.kstack.front().sym)});
  }
  return out;
}

std::string format_frame(const trace_frame& f, lock_dump_style style) {
  return style == lock_dump_style::modern ? format_ip(f.sym, f.off) : format_ip_bracketed(f.sym, f.off);
}

std::string format_trace(const std::vector<trace_frame>& frames, lock_dump_style style, std::string_view indent) {
  std::string s;
  for (const auto& f : frames) {
    s += indent;
    s += format_frame(f, style);
    s += '\n';
  }
  return s;
}

std::string call_trace(const std::vector<trace_frame>& frames, lock_dump_style style) {
  return "Call Trace:\n" + format_trace(frames, style);
}

std::string show_task(const task_struct& t, const std::vector<trace_frame>& frames, lock_dump_style style) {
  char state = 'R';
  switch (t.state) {
    case task_state::running: state = 'R'; break;
    case task_state::uninterruptible: state = 'D'; break;
    case task_state::interruptible: state = 'S'; break;
    case task_state::dead: state = 'X'; break;
  }
  const int ppid = t.parent ? t.parent->pid : 0;
  if (style == lock_dump_style::modern)
    return fmt::format("task:{:<15.15} state:{} stack:0     pid:{:<5} ppid:{:<6} flags:0x{:08x}\n"
                       "Call Trace:\n <TASK>\n{} </TASK>\n",
                       t.comm, state, t.pid, ppid, 0, format_trace(frames, style));
  return fmt::format("{:<15.15} {} {:016x}     0 {:5} {:6} 0x{:08x}\n", t.comm, state, t.addr, t.pid, ppid, 0) +
         call_trace(frames, style);
}

std::vector<std::string> frame_strings(const std::vector<trace_frame>& frames) {
  std::vector<std::string> v;
  v.reserve(frames.size());
  for (const auto& f : frames) v.push_back(format_ip(f.sym, f.off));
  return v;
}

std::vector<std::string> frame_sources(const std::vector<trace_frame>& frames) {
  std::vector<std::string> v;
  v.reserve(frames.size());
  for (const auto& f : frames) {
    // __FILE__ is the path the compiler was given (absolute, or relative to
    // the build directory under ccache): keep it from "simkernel/" on.
    std::string_view file = f.file ? f.file : "";
    size_t at = file.rfind("simkernel/");
    while (at != std::string_view::npos && at > 0 && file[at - 1] != '/') at = file.rfind("simkernel/", at - 1);
    v.push_back(at == std::string_view::npos ? std::string() : fmt::format("{}:{}", file.substr(at), f.line));
  }
  return v;
}

void add_trace(Report& r, const std::vector<trace_frame>& frames) {
  r.traces.push_back(frame_strings(frames));
  r.trace_sources.push_back(frame_sources(frames));
}

}  // namespace sk::debug
