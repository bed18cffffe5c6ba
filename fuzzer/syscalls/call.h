// One generated syscall: the entry, its argument values (numbers and the
// strings behind PATHNAME arguments), and how it prints, Trinity-style:
//   rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x")
#pragma once
#include <array>
#include <string>

#include "fuzzer/syscalls/syscall_table.h"

namespace sk {
class Kernel;
}

namespace simtrinity {

constexpr int kMaxArgs = 6;

struct Call {
  const SyscallEntry* e = nullptr;
  std::array<long, kMaxArgs> v{};
  std::array<std::string, kMaxArgs> s;  // for pathname/newpath/string args
};

// The call as a C-like expression (no result).
std::string format_call(const Call& c);
// One argument value, symbolically where the type allows.
std::string format_arg(const ArgDesc& d, long v, const std::string& s);
// " = 3", " = -2 (ENOENT)"; " = ..." for a call that has not returned.
std::string format_result(long ret, bool done);

// Makes the call on the current task of `k`. `buf` is a user buffer of
// kUserBuf bytes; stat, lstat and fstat copy a struct stat into it, as the
// kernel copies one to the caller's statbuf.
constexpr size_t kUserBuf = 4096;
long invoke(sk::Kernel& k, const Call& c, char* buf);

}  // namespace simtrinity
