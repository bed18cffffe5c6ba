#include "fuzzer/syscalls/call.h"

#include <sys/stat.h>

#include <cstring>

#include <fmt/format.h>

#include "simkernel/kernel.h"

namespace simtrinity {

namespace {

std::string quote(const std::string& s) {
  std::string o = "\"";
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      default:
        if (ch < 0x20 || ch >= 0x7f)
          o += fmt::format("\\x{:02x}", ch);
        else
          o += static_cast<char>(ch);
    }
  }
  return o + "\"";
}

std::string format_flags(const std::vector<NamedValue>& values, unsigned long v, const char* zero) {
  std::string o;
  unsigned long rest = v;
  for (const auto& nv : values)
    if (nv.value && (rest & nv.value) == nv.value) {
      if (!o.empty()) o += "|";
      o += nv.name;
      rest &= ~nv.value;
    }
  if (rest) {
    if (!o.empty()) o += "|";
    o += fmt::format("{:#x}", rest);
  }
  return o.empty() ? zero : o;
}

// What stat(2) copies to user space (cp_new_stat()): the x86_64 struct stat.
long copy_stat_to_user(long r, const sk::kstat& k, char* buf) {
  if (r < 0) return r;
  struct stat st;
  std::memset(&st, 0, sizeof st);
  st.st_dev = k.dev;
  st.st_ino = k.ino;
  st.st_mode = k.mode;
  st.st_nlink = k.nlink;
  st.st_uid = k.uid;
  st.st_gid = k.gid;
  st.st_rdev = k.rdev;
  st.st_size = k.size;
  st.st_blksize = k.blksize;
  st.st_blocks = (k.size + 511) / 512;
  st.st_atim.tv_sec = k.atime;
  st.st_mtim.tv_sec = k.mtime;
  st.st_ctim.tv_sec = k.ctime;
  static_assert(sizeof st <= kUserBuf);
  std::memcpy(buf, &st, sizeof st);
  return r;
}

}  // namespace

std::string format_arg(const ArgDesc& d, long v, const std::string& s) {
  switch (d.type) {
    case ArgType::pathname:
    case ArgType::newpath:
    case ArgType::string: return quote(s);
    case ArgType::dirfd: return v == AT_FDCWD ? "AT_FDCWD" : fmt::format("{}", v);
    case ArgType::mode: return fmt::format("0{:o}", v);
    case ArgType::flags: {
      bool is_open = std::string_view(d.name) == "flags" && !d.values.empty() && std::string_view(d.values[0].name) == "O_WRONLY";
      return format_flags(d.values, static_cast<unsigned long>(v), is_open ? "O_RDONLY" : "0");
    }
    case ArgType::op:
      for (const auto& nv : d.values)
        if (nv.value == static_cast<unsigned long>(v)) return nv.name;
      return fmt::format("{:#x}", v);
    case ArgType::buf: return "buf";
    case ArgType::clone_fn: return "child_exit";
    case ArgType::undefined: return fmt::format("{:#x}", static_cast<unsigned long>(v));
    default: return fmt::format("{}", v);
  }
}

std::string format_call(const Call& c) {
  std::string o = c.e->name;
  o += "(";
  for (size_t i = 0; i < c.e->args.size(); i++) {
    if (i) o += ", ";
    o += format_arg(c.e->args[i], c.v[i], c.s[i]);
  }
  return o + ")";
}

std::string format_result(long ret, bool done) {
  if (!done) return " = ...";
  if (ret < 0) return fmt::format(" = {} ({})", ret, errno_name(static_cast<int>(-ret)));
  return fmt::format(" = {}", ret);
}

long invoke(sk::Kernel& k, const Call& c, char* buf) {
  const auto& v = c.v;
  auto P = [&](int i) { return c.s[i].c_str(); };
  auto I = [&](int i) { return static_cast<int>(v[i]); };
  auto U = [&](int i) { return static_cast<unsigned>(v[i]); };
  auto L = [&](int i) { return static_cast<size_t>(v[i]) > kUserBuf ? kUserBuf : static_cast<size_t>(v[i]); };
  sk::kstat st{};
  switch (c.e->nr) {
    case Sys::open: return k.sys_open(P(0), I(1), U(2));
    case Sys::openat: return k.sys_openat(I(0), P(1), I(2), U(3));
    case Sys::creat: return k.sys_creat(P(0), U(1));
    case Sys::close: return k.sys_close(I(0));
    case Sys::read: return k.sys_read(I(0), buf, L(2));
    case Sys::write: return k.sys_write(I(0), buf, L(2));
    case Sys::getdents64: return k.sys_getdents64(I(0), buf, L(2));
    case Sys::mkdir: return k.sys_mkdir(P(0), U(1));
    case Sys::mkdirat: return k.sys_mkdirat(I(0), P(1), U(2));
    case Sys::rmdir: return k.sys_rmdir(P(0));
    case Sys::unlink: return k.sys_unlink(P(0));
    case Sys::unlinkat: return k.sys_unlinkat(I(0), P(1), I(2));
    case Sys::rename: return k.sys_rename(P(0), P(1));
    case Sys::renameat: return k.sys_renameat(I(0), P(1), I(2), P(3));
    case Sys::renameat2: return k.sys_renameat2(I(0), P(1), I(2), P(3), U(4));
    case Sys::link: return k.sys_link(P(0), P(1));
    case Sys::linkat: return k.sys_linkat(I(0), P(1), I(2), P(3), I(4));
    case Sys::symlink: return k.sys_symlink(P(0), P(1));
    case Sys::symlinkat: return k.sys_symlinkat(P(0), I(1), P(2));
    case Sys::readlink: return k.sys_readlink(P(0), buf, static_cast<int>(L(2)));
    case Sys::readlinkat: return k.sys_readlinkat(I(0), P(1), buf, static_cast<int>(L(3)));
    case Sys::stat: return copy_stat_to_user(k.sys_stat(P(0), &st), st, buf);
    case Sys::lstat: return copy_stat_to_user(k.sys_lstat(P(0), &st), st, buf);
    case Sys::fstat: return copy_stat_to_user(k.sys_fstat(I(0), &st), st, buf);
    case Sys::chdir: return k.sys_chdir(P(0));
    case Sys::fchdir: return k.sys_fchdir(I(0));
    case Sys::mount: return k.sys_mount(P(0), P(1), P(2), static_cast<unsigned long>(v[3]), nullptr);
    case Sys::umount2: return k.sys_umount2(P(0), I(1));
    case Sys::clone: return k.sys_clone(static_cast<unsigned long>(v[0]) | sk::Kernel::SIGCHLD_FLAG, {});
    case Sys::fork: return k.sys_fork({});
    case Sys::unshare: return k.sys_unshare(static_cast<unsigned long>(v[0]));
    case Sys::setns: return k.sys_setns(I(0), I(1));
    case Sys::exit: k.sys_exit(I(0));
    case Sys::getpid: return k.sys_getpid();
    case Sys::ioctl: return k.sys_ioctl(I(0), U(1), static_cast<unsigned long>(v[2]));
    case Sys::umask: return k.sys_umask(I(0));
    case Sys::count_: break;
  }
  return -ENOSYS;
}

}  // namespace simtrinity
