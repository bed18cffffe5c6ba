// host_exec FILE.prog: runs a program's calls with real syscalls on the host
// kernel, for the differential suite (tests/diff/diff_test.cpp), and prints
// one line per call, "child N: " + prog::outcome_line() — the formatter the
// simulator's side prints through.
//
// Nothing outside is touched: the program runs in a private mount namespace
// (and a new pid namespace, so /proc is our own) whose root is a fresh ramfs
// laid out as the simulated kernel boots it (simkernel/kernel/init.cpp):
// /tmp, /etc, /sbin/init, /bin/trinity on the root filesystem, /victim a
// filesystem of its own, /dev a ramfs with null and zero, /proc a procfs of
// the new pid namespace mounted read-only, /sys the host's sysfs read-only.
// The children of the program run one after the other, each in a process of
// its own (its own cwd, fd table, umask), after an unshare(CLONE_NEWNET) for
// "netns=new".
//
// Exit 0 when every call was made, 2 on bad input or a call the host cannot
// make here, 77 (and one line "host_exec: SKIP: ...") when namespaces are
// not available (not root, or a container without CAP_SYS_ADMIN) or the
// sandbox cannot be built in them (mounts refused).
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzzer/prog/outcome.h"
#include "fuzzer/prog/program.h"
#include "simkernel/profiles.h"
#include "simkernel/uapi.h"

using namespace simtrinity;

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
// LeakSanitizer stops the world with ptrace from a helper task, which a
// process in a fresh pid namespace cannot do ("LeakSanitizer has encountered
// a fatal error" at exit, so every case failed in the asan build). host_exec
// is a test's helper that exits right after its calls: leaks are not its
// concern, the simulator's side (test_diff) is still leak-checked.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }
#endif
#endif

namespace {

constexpr int kSkip = 77;

[[noreturn]] void die(int code, const std::string& msg) {
  std::fprintf(stderr, "host_exec: %s%s\n", code == kSkip ? "SKIP: " : "", msg.c_str());
  std::fflush(nullptr);
  _exit(code);
}

void must(int r, const std::string& what) {
  if (r < 0) die(2, what + ": " + std::strerror(errno));
}

// Setting up the sandbox: a failure here says the machine cannot give us
// one (a container may allow unshare() but refuse mounting ramfs or procfs),
// not that the host disagrees with the simulator, so the case is skipped.
void need(int r, const std::string& what) {
  if (r < 0) die(kSkip, "cannot build the sandbox: " + what + ": " + std::strerror(errno));
}

void make_file(const std::string& path, const char* text) {
  int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  need(fd, "create " + path);
  need(static_cast<int>(write(fd, text, std::strlen(text))), "write " + path);
  close(fd);
}

// The simulated kernel's tree (simkernel/kernel/init.cpp), under `root`.
void build_root(const std::string& root) {
  need(mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), "make / private");
  need(mount("rootfs", root.c_str(), "ramfs", 0, "mode=0755"), "mount ramfs on " + root);
  umask(0);
  for (const char* d : {"/dev", "/tmp", "/proc", "/sys", "/etc", "/sbin", "/bin"})
    need(mkdir((root + d).c_str(), 0755), std::string("mkdir ") + d);
  std::string victim = root + std::string(sk::kDefaultVictim);
  need(mkdir(victim.c_str(), 0755), "mkdir victim");
  make_file(root + "/sbin/init", "\177ELF");
  make_file(root + "/bin/trinity", "\177ELF");
  need(mount("sysfs", (root + "/sys").c_str(), "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr),
       "mount sysfs");
  need(mount("devtmpfs", (root + "/dev").c_str(), "ramfs", 0, "mode=0755"), "mount /dev");
  need(mknod((root + "/dev/null").c_str(), S_IFCHR | 0666, makedev(1, 3)), "mknod /dev/null");
  need(mknod((root + "/dev/zero").c_str(), S_IFCHR | 0666, makedev(1, 5)), "mknod /dev/zero");
  need(mkdir((root + "/dev/.udev").c_str(), 0755), "mkdir /dev/.udev");
  make_file(root + "/dev/.udev/queue", "\1");
  need(mount("proc", (root + "/proc").c_str(), "proc", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr),
       "mount proc");
  need(mount("simfs", victim.c_str(), "ramfs", 0, "mode=0755"), "mount victim");
  need(chroot(root.c_str()), "chroot");
  need(chdir("/"), "chdir /");
  umask(022);
}

size_t user_len(long v) { return static_cast<size_t>(v) > kUserBuf ? kUserBuf : static_cast<size_t>(v); }

long child_exit_body(long r) {
  if (r == 0) _exit(0);
  if (r > 0) waitpid(static_cast<pid_t>(r), nullptr, 0);
  return r;
}

// The call on the host, as fuzzer/syscalls/call.cpp's invoke() makes it on
// the simulated kernel; the raw syscalls, so no libc wrapper changes a call.
long host_invoke(const Call& c, char* buf) {
  const auto& v = c.v;
  auto P = [&](int i) { return c.s[i].c_str(); };
  long r = -1;
  switch (c.e->nr) {
    case Sys::open: r = syscall(SYS_open, P(0), v[1], v[2]); break;
    case Sys::openat: r = syscall(SYS_openat, v[0], P(1), v[2], v[3]); break;
    case Sys::creat: r = syscall(SYS_creat, P(0), v[1]); break;
    case Sys::close: r = syscall(SYS_close, v[0]); break;
    case Sys::read: r = syscall(SYS_read, v[0], buf, user_len(v[2])); break;
    case Sys::write: r = syscall(SYS_write, v[0], buf, user_len(v[2])); break;
    case Sys::getdents64: r = syscall(SYS_getdents64, v[0], buf, user_len(v[2])); break;
    case Sys::mkdir: r = syscall(SYS_mkdir, P(0), v[1]); break;
    case Sys::mkdirat: r = syscall(SYS_mkdirat, v[0], P(1), v[2]); break;
    case Sys::rmdir: r = syscall(SYS_rmdir, P(0)); break;
    case Sys::unlink: r = syscall(SYS_unlink, P(0)); break;
    case Sys::unlinkat: r = syscall(SYS_unlinkat, v[0], P(1), v[2]); break;
    case Sys::rename: r = syscall(SYS_rename, P(0), P(1)); break;
    case Sys::renameat: r = syscall(SYS_renameat, v[0], P(1), v[2], P(3)); break;
    case Sys::renameat2: r = syscall(SYS_renameat2, v[0], P(1), v[2], P(3), v[4]); break;
    case Sys::link: r = syscall(SYS_link, P(0), P(1)); break;
    case Sys::linkat: r = syscall(SYS_linkat, v[0], P(1), v[2], P(3), v[4]); break;
    case Sys::symlink: r = syscall(SYS_symlink, P(0), P(1)); break;
    case Sys::symlinkat: r = syscall(SYS_symlinkat, P(0), v[1], P(2)); break;
    case Sys::readlink: r = syscall(SYS_readlink, P(0), buf, static_cast<int>(user_len(v[2]))); break;
    case Sys::readlinkat: r = syscall(SYS_readlinkat, v[0], P(1), buf, static_cast<int>(user_len(v[3]))); break;
    case Sys::stat: r = syscall(SYS_stat, P(0), buf); break;
    case Sys::lstat: r = syscall(SYS_lstat, P(0), buf); break;
    case Sys::fstat: r = syscall(SYS_fstat, v[0], buf); break;
    case Sys::chdir: r = syscall(SYS_chdir, P(0)); break;
    case Sys::fchdir: r = syscall(SYS_fchdir, v[0]); break;
    case Sys::mount: r = syscall(SYS_mount, P(0), P(1), P(2), v[3], nullptr); break;
    case Sys::umount2: r = syscall(SYS_umount2, P(0), v[1]); break;
    case Sys::clone:
      // Without a stack of its own a CLONE_VM child would run on ours.
      if (v[0] & CLONE_VM) die(2, "clone(CLONE_VM) cannot be made here");
      std::fflush(nullptr);
      r = child_exit_body(syscall(SYS_clone, v[0] | SIGCHLD, 0, 0, 0, 0));
      break;
    case Sys::fork:
      std::fflush(nullptr);
      r = child_exit_body(fork());
      break;
    case Sys::unshare: r = syscall(SYS_unshare, v[0]); break;
    case Sys::setns: r = syscall(SYS_setns, v[0], v[1]); break;
    case Sys::exit:
      std::fflush(nullptr);
      _exit(static_cast<int>(v[0]));
    case Sys::getpid: r = syscall(SYS_getpid); break;
    case Sys::ioctl: r = syscall(SYS_ioctl, v[0], v[1], v[2]); break;
    case Sys::umask: r = syscall(SYS_umask, v[0]); break;
    case Sys::count_: break;
  }
  return r < 0 ? -errno : r;
}

void run_child(const prog::ProgChild& child) {
  if (child.new_netns && unshare(CLONE_NEWNET) < 0) die(2, std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno));
  alignas(16) static char buf[kUserBuf];
  std::vector<long> results;
  prog::InodeIds inodes;
  for (const prog::ProgCall& pc : child.calls) {
    std::memset(buf, 0, sizeof buf);
    long ret = host_invoke(prog::resolve_call(pc, results), buf);
    prog::bind_result(pc, ret, results);
    std::printf("child %d: %s\n", child.index, prog::outcome_line(pc, ret, buf, inodes).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) die(2, "usage: host_exec FILE.prog");
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) die(2, std::string("cannot read ") + argv[1] + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string error;
  auto p = prog::parse(ss.str(), argv[1], error);
  if (!p) die(2, error);

  if (unshare(CLONE_NEWNS | CLONE_NEWPID) < 0)
    die(kSkip, std::string("unshare(CLONE_NEWNS|CLONE_NEWPID): ") + std::strerror(errno) +
                   " (the differential suite needs root and mount namespaces)");
  std::fflush(nullptr);
  pid_t init = fork();  // pid 1 of the new pid namespace
  need(init, "fork");
  if (init == 0) {
    build_root("/tmp");
    for (const auto& child : p->children) {
      std::fflush(nullptr);
      pid_t pid = fork();
      must(pid, "fork");
      if (pid == 0) {
        run_child(child);
        std::fflush(nullptr);
        _exit(0);
      }
      int status = 0;
      waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 2);
    }
    std::fflush(nullptr);
    _exit(0);
  }
  int status = 0;
  waitpid(init, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
