// The outcome of one call as the differential suite (tests/diff/) compares it
// between the simulated kernel and the host's: the same program is run on
// both, and each side prints one line per call through this one formatter.
//
//   open("/tmp/a", O_RDONLY, 0) = fd
//   rename("/tmp/a", "/tmp/b") = -1 ENOENT
//   stat("/tmp", buf) = 0 {S_IFDIR 0755 nlink=2 ino=#1}
//   lstat("/tmp/l", buf) = 0 {S_IFLNK 0777 nlink=1 size=6 ino=#2}
//   readlink("/tmp/l", buf, 4096) = 6 "/tmp/x"
//   getdents64(r0, buf, 4096) = 72 [".", "..", "a"]
//
// What differs between any two correct kernels is left out: fd and pid
// numbers (printed as "fd", "pid"; a link text of digits only, /proc/self's,
// as "<pid>"), times, the order of directory entries (sorted), directory
// sizes (which the filesystem chooses: ramfs 0, tmpfs 20 per entry) and the
// numbers in a namespace link's text ("net:[<ino>]"). Inode numbers are
// shown by which one they are: "ino=#3" is the third distinct (st_dev,
// st_ino) this child has seen, so a hard link shows the same #N.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

// `buf` is the call's user buffer after it returned (kUserBuf bytes): a
// struct stat for stat/lstat/fstat, the link text for readlink, the
// linux_dirent64 records for getdents64.
// `inodes` numbers the (st_dev, st_ino) pairs seen so far (one per child).
using InodeIds = std::map<std::pair<uint64_t, uint64_t>, int>;
std::string call_outcome(const SyscallEntry& e, long ret, const char* buf, InodeIds& inodes);

// print_call(c) without the result binding, " = ", call_outcome().
std::string outcome_line(const ProgCall& c, long ret, const char* buf, InodeIds& inodes);

}  // namespace simtrinity::prog
