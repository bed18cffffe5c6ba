// Syscall entry and exit: the scheduling points, statistics and the
// return-to-user check every simulated syscall goes through.
#pragma once
#include "simkernel/debug/kframe.h"
#include "simkernel/kernel.h"

namespace sk {

// `sym` is the sys_* symbol: it indexes the per-syscall counter cache.
void syscall_entry(Kernel& k, const char* name, int sym);
long syscall_exit(Kernel& k, long ret);

// At the top of Kernel::sys_NAME: the sys_NAME frame plus the entry point.
#define SYSCALL_ENTER(name)                                                     \
  KFRAME(sys_##name);                                                           \
  ::sk::syscall_entry(*this, #name, SK_CONCAT(kframe_sym_, __LINE__))

}  // namespace sk
