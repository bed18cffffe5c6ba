#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {
// Virtual cost of a syscall's entry and exit.
constexpr uint64_t SYSCALL_NS = 400;
}

void syscall_entry(Kernel& k, const char* name, int sym, uint64_t name_hash) {
  ++k.syscall_counter(name, sym);
  k.trace_mix(name_hash);
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
