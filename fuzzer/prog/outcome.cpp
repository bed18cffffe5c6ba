#include "fuzzer/prog/outcome.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "simkernel/uapi.h"

namespace simtrinity::prog {

namespace {

const char* file_type(unsigned mode) {
  switch (mode & S_IFMT) {
    case S_IFDIR: return "S_IFDIR";
    case S_IFREG: return "S_IFREG";
    case S_IFLNK: return "S_IFLNK";
    case S_IFCHR: return "S_IFCHR";
    case S_IFBLK: return "S_IFBLK";
    case S_IFIFO: return "S_IFIFO";
    case S_IFSOCK: return "S_IFSOCK";
  }
  return "S_IF?";
}

// A string as the trace and the .prog format print it (escaped, in quotes).
std::string text_arg(std::string_view s) {
  static const ArgDesc text{"text", ArgType::string};
  return format_arg(text, 0, std::string(s));
}

std::string stat_text(const char* buf, InodeIds& inodes) {
  struct stat st;
  std::memcpy(&st, buf, sizeof st);
  std::string o = fmt::format(" {{{} {:04o} nlink={}", file_type(st.st_mode), st.st_mode & 07777,
                              static_cast<unsigned long>(st.st_nlink));
  if (!S_ISDIR(st.st_mode)) o += fmt::format(" size={}", static_cast<long long>(st.st_size));
  auto id = inodes.try_emplace({st.st_dev, st.st_ino}, static_cast<int>(inodes.size()) + 1).first->second;
  return o + fmt::format(" ino=#{}}}", id);
}

bool digits(std::string_view d) {
  return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "<pid>" for digits only; "net:[<ino>]" for "net:[4026531992]"; the
// length returned with such a text is "<len>".
std::string link_text(long ret, std::string_view s) {
  if (digits(s)) return "<len> " + text_arg("<pid>");
  size_t colon = s.find(":[");
  if (colon != std::string_view::npos && s.back() == ']' && digits(s.substr(colon + 2, s.size() - colon - 3)))
    return "<len> " + text_arg(std::string(s.substr(0, colon)) + ":[<ino>]");
  return fmt::format("{} {}", ret, text_arg(s));
}

std::string dirent_names(const char* buf, long len) {
  std::vector<std::string> names;
  for (long off = 0; off + static_cast<long>(sizeof(sk::linux_dirent64)) <= len;) {
    sk::linux_dirent64 d;
    std::memcpy(&d, buf + off, sizeof d);
    if (d.d_reclen < sizeof d || off + d.d_reclen > len) break;
    const char* name = buf + off + offsetof(sk::linux_dirent64, d_name);
    names.emplace_back(name, strnlen(name, d.d_reclen - offsetof(sk::linux_dirent64, d_name)));
    if (digits(names.back())) names.back() = "<pid>";  // /proc's and /proc/PID/task's
    off += d.d_reclen;
  }
  std::sort(names.begin(), names.end());
  std::string o = " [";
  for (size_t i = 0; i < names.size(); i++) o += (i ? ", " : "") + text_arg(names[i]);
  return o + "]";
}

}  // namespace

std::string call_outcome(const SyscallEntry& e, long ret, const char* buf, InodeIds& inodes) {
  if (ret < 0) return fmt::format("-1 {}", errno_name(static_cast<int>(-ret)));
  if (e.ret == RetKind::fd) return "fd";
  if (e.ret == RetKind::pid) return "pid";
  std::string o = fmt::format("{}", ret);
  switch (e.nr) {
    case Sys::stat:
    case Sys::lstat:
    case Sys::fstat: return o + stat_text(buf, inodes);
    case Sys::readlink:
    case Sys::readlinkat:
      return link_text(ret, std::string_view(buf, static_cast<size_t>(std::min<long>(ret, kUserBuf))));
    case Sys::getdents64: {
      // The byte count depends on the names' lengths: on pids' too.
      std::string names = dirent_names(buf, std::min<long>(ret, kUserBuf));
      return (names.find("\"<pid>\"") != std::string::npos ? "<len>" : o) + names;
    }
    default: return o;
  }
}

std::string outcome_line(const ProgCall& c, long ret, const char* buf, InodeIds& inodes) {
  ProgCall shown = c;
  shown.result = -1;
  shown.unlisted = false;
  return print_call(shown) + " = " + call_outcome(*c.e, ret, buf, inodes);
}

}  // namespace simtrinity::prog
