#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {
// Virtual cost of a syscall's entry and exit.
constexpr uint64_t SYSCALL_NS = 400;
}

void syscall_entry(Kernel& k, const char* name, int sym) {
  ++k.syscall_counter(name, sym);
  uint64_t h = 0;
  for (const char* c = name; *c; c++) h = h * 131 + static_cast<unsigned char>(*c);
  k.trace_mix(h);
  k.sched_point();
}

long syscall_exit(Kernel& k, long ret) {
  task_struct* t = current_task();
  k.trace_mix(static_cast<uint64_t>(ret));
  for (auto* o : k.observers()) o->return_to_user(*t);
  k.advance_clock(SYSCALL_NS);
  k.sched_point();
  return ret;
}

}  // namespace sk
