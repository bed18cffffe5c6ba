// Syscall entry and exit: the scheduling points, statistics and the
// return-to-user check every simulated syscall goes through.
#pragma once
#include <cstdint>
#include <type_traits>

#include "simkernel/debug/kframe.h"
#include "simkernel/kernel.h"

namespace sk {

// What the trace hash mixes in for a syscall's entry: its name, hashed at
// compile time (SYSCALL_ENTER), not once per call.
constexpr uint64_t syscall_name_hash(const char* name) {
  uint64_t h = 0;
  for (const char* c = name; *c; c++) h = h * 131 + static_cast<unsigned char>(*c);
  return h;
}

// `sym` is the sys_* symbol: it indexes the per-syscall counter cache.
void syscall_entry(Kernel& k, const char* name, int sym, uint64_t name_hash);
long syscall_exit(Kernel& k, long ret);

// At the top of Kernel::sys_NAME: the sys_NAME frame plus the entry point.
#define SYSCALL_ENTER(name)                                                     \
  KFRAME(sys_##name);                                                           \
  ::sk::syscall_entry(*this, #name, SK_CONCAT(kframe_sym_, __LINE__),           \
                      std::integral_constant<uint64_t, ::sk::syscall_name_hash(#name)>::value)

}  // namespace sk
