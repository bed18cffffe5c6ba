#include "fuzzer/syscalls/syscall_table.h"

#include <cstring>
#include <fmt/format.h>

#include "simkernel/uapi.h"

namespace simtrinity {

namespace {

#define NV(x) NamedValue{#x, static_cast<unsigned long>(x)}

std::vector<NamedValue> open_flags() {
  return {NV(O_WRONLY), NV(O_RDWR), NV(O_CREAT), NV(O_EXCL), NV(O_TRUNC), NV(O_APPEND),
          NV(O_DIRECTORY), NV(O_NOFOLLOW), NV(O_CLOEXEC), NV(O_NONBLOCK), NV(O_PATH)};
}
std::vector<NamedValue> at_flags() { return {NV(AT_SYMLINK_FOLLOW), NV(AT_EMPTY_PATH)}; }
std::vector<NamedValue> rename_flags() { return {NV(RENAME_NOREPLACE), NV(RENAME_EXCHANGE), NV(RENAME_WHITEOUT)}; }
std::vector<NamedValue> clone_flags() {
  return {NV(CLONE_NEWNET), NV(CLONE_NEWNS), NV(CLONE_FILES), NV(CLONE_FS), NV(CLONE_VM)};
}
std::vector<NamedValue> unshare_flags() { return {NV(CLONE_NEWNET), NV(CLONE_NEWNS), NV(CLONE_FILES), NV(CLONE_FS)}; }
std::vector<NamedValue> mount_flags() {
  return {NV(MS_RDONLY), NV(MS_NOSUID), NV(MS_NODEV), NV(MS_NOEXEC), NV(MS_BIND), NV(MS_REC), NV(MS_REMOUNT)};
}
std::vector<NamedValue> umount_flags() { return {NV(MNT_FORCE), NV(MNT_DETACH), NV(MNT_EXPIRE), NV(UMOUNT_NOFOLLOW)}; }

ArgDesc path(const char* n) { return {n, ArgType::pathname}; }
ArgDesc newpath(const char* n) { return {n, ArgType::newpath}; }
ArgDesc fd(const char* n = "fd") { return {n, ArgType::fd}; }
ArgDesc dirfd(const char* n) { return {n, ArgType::dirfd}; }
ArgDesc mode(const char* n = "mode") { return {n, ArgType::mode}; }
ArgDesc len(const char* n) { return {n, ArgType::len}; }
ArgDesc buf(const char* n) { return {n, ArgType::buf}; }
ArgDesc flags(const char* n, std::vector<NamedValue> v) { return {n, ArgType::flags, std::move(v)}; }
ArgDesc op(const char* n, std::vector<NamedValue> v) { return {n, ArgType::op, std::move(v)}; }

std::vector<SyscallEntry> build() {
  using G = Group;
  using R = RetKind;
  std::vector<SyscallEntry> t = {
      {Sys::open, "open", G::vfs, R::fd, {path("filename"), flags("flags", open_flags()), mode()}},
      {Sys::openat, "openat", G::vfs, R::fd, {dirfd("dfd"), path("filename"), flags("flags", open_flags()), mode()}},
      {Sys::creat, "creat", G::vfs, R::fd, {newpath("pathname"), mode()}},
      {Sys::close, "close", G::vfs, R::none, {fd()}, false, "forgets the fd in the child's pool"},
      {Sys::read, "read", G::vfs, R::len, {fd(), buf("buf"), len("count")}},
      {Sys::write, "write", G::vfs, R::len, {fd(), buf("buf"), len("count")}},
      {Sys::getdents64, "getdents64", G::vfs, R::len, {fd(), buf("dirent"), len("count")}},
      {Sys::mkdir, "mkdir", G::vfs, R::none, {newpath("pathname"), mode()}},
      {Sys::mkdirat, "mkdirat", G::vfs, R::none, {dirfd("dfd"), newpath("pathname"), mode()}},
      {Sys::rmdir, "rmdir", G::vfs, R::none, {path("pathname")}},
      {Sys::unlink, "unlink", G::vfs, R::none, {path("pathname")}},
      {Sys::unlinkat, "unlinkat", G::vfs, R::none, {dirfd("dfd"), path("pathname"), flags("flag", {NV(AT_REMOVEDIR)})}},
      {Sys::rename, "rename", G::vfs, R::none, {path("oldname"), newpath("newname")}},
      {Sys::renameat, "renameat", G::vfs, R::none, {dirfd("olddfd"), path("oldname"), dirfd("newdfd"), newpath("newname")}},
      {Sys::renameat2, "renameat2", G::vfs, R::none,
       {dirfd("olddfd"), path("oldname"), dirfd("newdfd"), newpath("newname"), flags("flags", rename_flags())}},
      {Sys::link, "link", G::vfs, R::none, {path("oldname"), newpath("newname")}},
      {Sys::linkat, "linkat", G::vfs, R::none,
       {dirfd("olddfd"), path("oldname"), dirfd("newdfd"), newpath("newname"), flags("flags", at_flags())}},
      {Sys::symlink, "symlink", G::vfs, R::none, {path("oldname"), newpath("newname")}},
      {Sys::symlinkat, "symlinkat", G::vfs, R::none, {path("oldname"), dirfd("newdfd"), newpath("newname")}},
      {Sys::readlink, "readlink", G::vfs, R::len, {path("path"), buf("buf"), len("bufsiz")}},
      {Sys::readlinkat, "readlinkat", G::vfs, R::len, {dirfd("dfd"), path("pathname"), buf("buf"), len("bufsiz")}},
      {Sys::stat, "stat", G::vfs, R::none, {path("filename"), buf("statbuf")}},
      {Sys::lstat, "lstat", G::vfs, R::none, {path("filename"), buf("statbuf")}},
      {Sys::fstat, "fstat", G::vfs, R::none, {fd(), buf("statbuf")}},
      {Sys::chdir, "chdir", G::proc, R::none, {path("filename")}},
      {Sys::fchdir, "fchdir", G::proc, R::none, {fd()}},
      {Sys::mount, "mount", G::vfs, R::none,
       {{"dev_name", ArgType::string, {}, {"none", "proc", "tmpfs", "/tmp", "/victim"}},
        path("dir_name"),
        {"type", ArgType::string, {}, {"proc", "ramfs", "tmpfs", "sysfs", "bogus"}},
        flags("flags", mount_flags()),
        buf("data")},
       false, "a read-only MS_REMOUNT is followed at once by the same remount without MS_RDONLY"},
      {Sys::umount2, "umount2", G::vfs, R::none, {path("name"), flags("flags", umount_flags())}},
      {Sys::clone, "clone", G::ns, R::pid, {flags("clone_flags", clone_flags()), {"fn", ArgType::clone_fn}},
       false, "the child's body exits at once"},
      {Sys::fork, "fork", G::proc, R::pid, {{"fn", ArgType::clone_fn}}, false, "the child's body exits at once"},
      {Sys::unshare, "unshare", G::ns, R::none, {flags("unshare_flags", unshare_flags())}},
      {Sys::setns, "setns", G::ns, R::none, {fd(), op("nstype", {{"0", 0}, NV(CLONE_NEWNET), NV(CLONE_NEWNS)})}},
      {Sys::exit, "exit", G::proc, R::none, {{"error_code", ArgType::undefined}}, true,
       "AVOID_SYSCALL: the child would end"},
      {Sys::getpid, "getpid", G::proc, R::pid, {}},
      {Sys::ioctl, "ioctl", G::vfs, R::none, {fd(), op("cmd", {NV(FIFREEZE), NV(FITHAW), {"0x5401", 0x5401}}), {"arg", ArgType::undefined}},
       false, "FIFREEZE is followed at once by FITHAW on the same fd"},
      {Sys::umask, "umask", G::proc, R::none, {mode("mask")}},
  };
  return t;
}

}  // namespace

const std::vector<SyscallEntry>& syscall_table() {
  static const std::vector<SyscallEntry> t = build();
  return t;
}

const SyscallEntry* find_syscall(std::string_view name) {
  for (const auto& e : syscall_table())
    if (name == e.name) return &e;
  return nullptr;
}

const char* group_name(Group g) {
  switch (g) {
    case Group::vfs: return "vfs";
    case Group::ns: return "ns";
    case Group::proc: return "proc";
  }
  return "?";
}

bool parse_group(std::string_view s, Group& out) {
  for (Group g : {Group::vfs, Group::ns, Group::proc})
    if (s == group_name(g)) {
      out = g;
      return true;
    }
  return false;
}

const char* arg_type_name(ArgType t) {
  switch (t) {
    case ArgType::undefined: return "UNDEFINED";
    case ArgType::pathname: return "PATHNAME";
    case ArgType::newpath: return "PATHNAME(new)";
    case ArgType::fd: return "FD";
    case ArgType::dirfd: return "DIRFD";
    case ArgType::mode: return "MODE_T";
    case ArgType::flags: return "LIST";
    case ArgType::op: return "OP";
    case ArgType::pid: return "PID";
    case ArgType::len: return "LEN";
    case ArgType::buf: return "ADDRESS";
    case ArgType::string: return "STRING";
    case ArgType::clone_fn: return "CLONE_FN";
  }
  return "?";
}

const char* ret_kind_name(RetKind r) {
  switch (r) {
    case RetKind::none: return "-";
    case RetKind::fd: return "fd";
    case RetKind::pid: return "pid";
    case RetKind::len: return "len";
  }
  return "?";
}

std::string errno_name(int err) {
  const char* n = strerrorname_np(err);
  if (n) return n;
  return fmt::format("E{}", err);
}

}  // namespace simtrinity
