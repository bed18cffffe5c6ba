// The syscall table: one declarative entry per syscall of the simulated
// kernel, described as Trinity describes them (include/syscall.h, syscalls/*.c):
// argument types, group, return kind and an optional sanitise step.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace simtrinity {

// Trinity's ARG_* types, as far as the simulated kernel needs them.
enum class ArgType : uint8_t {
  undefined,   // ARG_UNDEFINED: a random value
  pathname,    // ARG_PATHNAME: from the file list, sometimes mangled
  newpath,     // a pathname that usually names something new (rename/link targets)
  fd,          // ARG_FD: from the child's fd pool
  dirfd,       // an fd or AT_FDCWD
  mode,        // ARG_MODE_T
  flags,       // ARG_LIST: a random subset of `values`
  op,          // ARG_OP: one of `values`
  pid,         // ARG_PID
  len,         // ARG_LEN
  buf,         // ARG_ADDRESS: a user buffer (the harness supplies it)
  string,      // a short string from `strings` (fstype, mount source)
  clone_fn,    // clone()'s child: a body that exits at once
};

struct NamedValue {
  const char* name;
  unsigned long value;
};

struct ArgDesc {
  const char* name = nullptr;
  ArgType type = ArgType::undefined;
  std::vector<NamedValue> values = {};        // flags / op
  std::vector<const char*> strings = {};      // string
};

enum class Group : uint8_t { vfs, ns, proc };
enum class RetKind : uint8_t { none, fd, pid, len };

enum class Sys : uint8_t {
  open, openat, creat, close, read, write, getdents64, mkdir, mkdirat, rmdir, unlink, unlinkat,
  rename, renameat, renameat2, link, linkat, symlink, symlinkat, readlink, readlinkat, stat, lstat,
  fstat, chdir, fchdir, mount, umount2, clone, fork, unshare, setns, exit, getpid, ioctl, umask,
  count_
};

struct SyscallEntry {
  Sys nr;
  const char* name;
  Group group;
  RetKind ret;
  std::vector<ArgDesc> args;
  bool avoid = false;       // AVOID_SYSCALL: in the table, never picked at random (exit)
  const char* sanitise = nullptr;  // what the sanitise step does, for `syscalls`
};

const std::vector<SyscallEntry>& syscall_table();
const SyscallEntry* find_syscall(std::string_view name);
const char* group_name(Group g);
bool parse_group(std::string_view s, Group& out);
const char* arg_type_name(ArgType t);
const char* ret_kind_name(RetKind r);

// "ENOENT" for 2; "E123" when unknown.
std::string errno_name(int err);

}  // namespace simtrinity
