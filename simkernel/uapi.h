// The Linux x86_64 ABI constants the simulated syscalls speak: the host's
// own headers (this is a Linux-only project), plus the few that older libc
// headers lack.
#pragma once
#include <cerrno>
#include <fcntl.h>
#include <linux/fs.h>  // RENAME_*, FIFREEZE, FITHAW, MS_*
#include <linux/limits.h>  // PATH_MAX, NAME_MAX
#include <sched.h>     // CLONE_*
#include <dirent.h>    // DT_*
#include <sys/stat.h>  // S_IF*, S_I*

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#ifndef RENAME_WHITEOUT
#define RENAME_WHITEOUT (1 << 2)
#endif
#ifndef MNT_FORCE
#define MNT_FORCE 0x00000001
#endif
#ifndef MNT_DETACH
#define MNT_DETACH 0x00000002
#endif
#ifndef MNT_EXPIRE
#define MNT_EXPIRE 0x00000004
#endif
#ifndef UMOUNT_NOFOLLOW
#define UMOUNT_NOFOLLOW 0x00000008
#endif

namespace sk {

using umode_t = unsigned int;
using pid_t = int;
using loff_t = long long;

constexpr umode_t S_IRWXUGO = S_IRWXU | S_IRWXG | S_IRWXO;
constexpr umode_t S_IALLUGO = S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO;

// PATH_MAX (4096) and NAME_MAX (255) come from <linux/limits.h>.
constexpr int MAXSYMLINKS = 40;      // total links followed in one walk
constexpr int MAX_NESTED_LINKS = 8;  // nesting depth
constexpr int NR_OPEN_DEFAULT = 1024; // RLIMIT_NOFILE

// What stat(2) fills in (the fields a simulated filesystem knows).
struct kstat {
  uint64_t dev = 0;
  uint64_t ino = 0;
  umode_t mode = 0;
  unsigned nlink = 0;
  unsigned uid = 0, gid = 0;
  uint64_t rdev = 0;
  int64_t size = 0;
  int64_t atime = 0, mtime = 0, ctime = 0;  // virtual seconds
  long blksize = 4096;
};

// One getdents64 record, laid out as struct linux_dirent64.
struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

}  // namespace sk
