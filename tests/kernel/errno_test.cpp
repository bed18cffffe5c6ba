// Errno cases: what each simulated syscall returns for a bad request, checked
// against what Linux 3.8 returns (as root), plus positive behaviour checks.
// One row per case: a name, the body (setup, then the call whose result is
// checked) and the expected result (a negative errno).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "simkernel/fs/vfs.h"
#include "tests/kernel/kernel_harness.h"

using namespace sktest;
using sk::Kernel;

namespace {

// Setup steps must succeed; a failing one fails the case.
long need(long r, const char* what) {
  if (r < 0) ADD_FAILURE() << "setup step failed: " << what << " = " << r;
  return r;
}
#define NEED(expr) need((expr), #expr)

struct Case {
  const char* name;
  std::function<long(Kernel&)> body;
  long expected;
  const char* kernel = "3.8";  // renameat2's cases: 6.8 (3.8 has no renameat2, 3.15)
};

std::string chain_links(Kernel& k, int n, const char* prefix, bool nested) {
  // prefix0 -> prefix1 -> ... -> prefix{n-1} -> /tmp/target
  // (nested: each body is "next/." so every link sits in an intermediate position)
  NEED(k.sys_mkdir("/tmp/target", 0755));
  for (int i = 0; i < n; i++) {
    std::string me = std::string("/tmp/") + prefix + std::to_string(i);
    std::string next = i + 1 < n ? std::string(prefix) + std::to_string(i + 1) : std::string("/tmp/target");
    if (nested) next += "/.";
    NEED(k.sys_symlink(next.c_str(), me.c_str()));
  }
  return std::string("/tmp/") + prefix + "0";
}

void files(Kernel& k) {  // /tmp/f (file, 5 bytes), /tmp/d (dir), /tmp/d/sub, /tmp/e (empty dir)
  long fd = NEED(k.sys_open("/tmp/f", O_CREAT | O_WRONLY, 0644));
  NEED(k.sys_write(static_cast<int>(fd), "hello", 5));
  NEED(k.sys_close(static_cast<int>(fd)));
  NEED(k.sys_mkdir("/tmp/d", 0755));
  NEED(k.sys_mkdir("/tmp/d/sub", 0755));
  NEED(k.sys_mkdir("/tmp/e", 0755));
}

int open_fd(Kernel& k, const char* p, int flags) { return static_cast<int>(NEED(k.sys_open(p, flags))); }

const std::string kLong256(256, 'a');
const std::string kLong255(255, 'a');

std::string path_of_len(size_t n) {  // "/tmp////...///nope", exactly n bytes
  std::string s = "/tmp";
  s += std::string(n - 4 - 4, '/');
  s += "nope";
  return s;
}

std::vector<Case> cases() {
  char buf[256];
  static sk::kstat st;
  static char dents[4096];
  return {
      // ---- ENOENT
      {"open_missing", [](Kernel& k) { return k.sys_open("/tmp/nope", O_RDONLY); }, -ENOENT},
      {"open_missing_component", [](Kernel& k) { return k.sys_open("/tmp/nodir/x", O_RDONLY); }, -ENOENT},
      {"open_empty_path", [](Kernel& k) { return k.sys_open("", O_RDONLY); }, -ENOENT},
      {"stat_empty_path", [](Kernel& k) { return k.sys_stat("", &st); }, -ENOENT},
      {"mkdir_missing_parent", [](Kernel& k) { return k.sys_mkdir("/tmp/nodir/x", 0755); }, -ENOENT},
      {"rmdir_missing", [](Kernel& k) { return k.sys_rmdir("/tmp/nope"); }, -ENOENT},
      {"unlink_missing", [](Kernel& k) { return k.sys_unlink("/tmp/nope"); }, -ENOENT},
      {"unlink_missing_trailing_slash", [](Kernel& k) { return k.sys_unlink("/tmp/nope/"); }, -ENOENT},
      {"rename_missing_source", [](Kernel& k) { return k.sys_rename("/tmp/nope", "/tmp/x"); }, -ENOENT},
      {"rename_missing_target_parent",
       [](Kernel& k) { files(k); return k.sys_rename("/tmp/f", "/tmp/nodir/x"); }, -ENOENT},
      {"link_missing_source", [](Kernel& k) { return k.sys_link("/tmp/nope", "/tmp/x"); }, -ENOENT},
      {"readlink_missing", [buf](Kernel& k) mutable { return k.sys_readlink("/tmp/nope", buf, sizeof buf); }, -ENOENT},
      {"chdir_missing", [](Kernel& k) { return k.sys_chdir("/tmp/nope"); }, -ENOENT},
      {"stat_dangling_symlink",
       [](Kernel& k) { NEED(k.sys_symlink("/tmp/nowhere", "/tmp/dl")); return k.sys_stat("/tmp/dl", &st); }, -ENOENT},
      {"symlink_empty_target", [](Kernel& k) { return k.sys_symlink("", "/tmp/l"); }, -ENOENT},
      {"mkdir_in_removed_cwd",
       [](Kernel& k) {
         NEED(k.sys_mkdir("/tmp/gone", 0755));
         NEED(k.sys_chdir("/tmp/gone"));
         NEED(k.sys_rmdir("/tmp/gone"));
         return k.sys_mkdir("x", 0755);
       },
       -ENOENT},
      {"proc_pid_missing_entry", [](Kernel& k) { return k.sys_open("/proc/1/nope", O_RDONLY); }, -ENOENT},
      {"proc_missing_pid", [](Kernel& k) { return k.sys_open("/proc/99999/status", O_RDONLY); }, -ENOENT},
      // proc_pident_lookup() answers -ENOENT for unknown names: no EPERM here.
      {"proc_pid_mkdir_new", [](Kernel& k) { return k.sys_mkdir("/proc/1/foo", 0755); }, -ENOENT},
      {"proc_root_mkdir_new", [](Kernel& k) { return k.sys_mkdir("/proc/foo", 0755); }, -ENOENT},
      {"proc_pid_creat_new", [](Kernel& k) { return k.sys_open("/proc/1/foo", O_CREAT | O_WRONLY, 0644); }, -ENOENT},
      {"proc_link_into", [](Kernel& k) { files(k); return k.sys_link("/proc/1/status", "/proc/1/foo"); }, -ENOENT},
      {"proc_symlink_into", [](Kernel& k) { return k.sys_symlink("x", "/proc/1/foo"); }, -ENOENT},
      {"proc_rename_to_new_name", [](Kernel& k) { return k.sys_rename("/proc/1/status", "/proc/1/foo"); }, -ENOENT},
      // procfs has no NAME_MAX check of its own: the lookup just fails.
      {"proc_long_component", [](Kernel& k) { return k.sys_open(("/proc/" + kLong256).c_str(), O_RDONLY); }, -ENOENT},
      {"renameat2_exchange_missing_target",
       [](Kernel& k) { files(k); return k.sys_renameat2(AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/nope", RENAME_EXCHANGE); },
       -ENOENT, "6.8"},
      // ---- ENOTDIR
      {"open_file_as_component", [](Kernel& k) { files(k); return k.sys_open("/tmp/f/x", O_RDONLY); }, -ENOTDIR},
      {"stat_file_trailing_slash", [](Kernel& k) { files(k); return k.sys_stat("/tmp/f/", &st); }, -ENOTDIR},
      {"open_file_o_directory", [](Kernel& k) { files(k); return k.sys_open("/tmp/f", O_RDONLY | O_DIRECTORY); }, -ENOTDIR},
      {"rmdir_file", [](Kernel& k) { files(k); return k.sys_rmdir("/tmp/f"); }, -ENOTDIR},
      {"unlinkat_removedir_file",
       [](Kernel& k) { files(k); return k.sys_unlinkat(AT_FDCWD, "/tmp/f", AT_REMOVEDIR); }, -ENOTDIR},
      {"chdir_file", [](Kernel& k) { files(k); return k.sys_chdir("/tmp/f"); }, -ENOTDIR},
      {"fchdir_file", [](Kernel& k) { files(k); return k.sys_fchdir(open_fd(k, "/tmp/f", O_RDONLY)); }, -ENOTDIR},
      {"mkdir_under_file", [](Kernel& k) { files(k); return k.sys_mkdir("/tmp/f/x", 0755); }, -ENOTDIR},
      {"unlink_file_trailing_slash", [](Kernel& k) { files(k); return k.sys_unlink("/tmp/f/"); }, -ENOTDIR},
      {"rename_file_trailing_slash", [](Kernel& k) { files(k); return k.sys_rename("/tmp/f/", "/tmp/g"); }, -ENOTDIR},
      {"rename_dir_onto_file", [](Kernel& k) { files(k); return k.sys_rename("/tmp/d", "/tmp/f"); }, -ENOTDIR},
      {"openat_file_dirfd",
       [](Kernel& k) { files(k); return k.sys_openat(open_fd(k, "/tmp/f", O_RDONLY), "x", O_RDONLY); }, -ENOTDIR},
      {"getdents64_file",
       [](Kernel& k) { files(k); return k.sys_getdents64(open_fd(k, "/tmp/f", O_RDONLY), dents, sizeof dents); },
       -ENOTDIR},
      {"bind_file_onto_dir", [](Kernel& k) { files(k); return k.sys_mount("/tmp/f", "/tmp/e", nullptr, MS_BIND, nullptr); },
       -ENOTDIR},
      // ---- EISDIR
      {"open_dir_wronly", [](Kernel& k) { files(k); return k.sys_open("/tmp/d", O_WRONLY); }, -EISDIR},
      {"open_dir_rdwr", [](Kernel& k) { files(k); return k.sys_open("/tmp/d", O_RDWR); }, -EISDIR},
      {"open_dir_trunc", [](Kernel& k) { files(k); return k.sys_open("/tmp/d", O_RDONLY | O_TRUNC); }, -EISDIR},
      {"open_dir_creat_rdonly", [](Kernel& k) { files(k); return k.sys_open("/tmp/d", O_RDONLY | O_CREAT, 0644); }, -EISDIR},
      {"creat_dir", [](Kernel& k) { files(k); return k.sys_creat("/tmp/d", 0644); }, -EISDIR},
      {"creat_trailing_slash", [](Kernel& k) { return k.sys_creat("/tmp/newfile/", 0644); }, -EISDIR},
      {"open_creat_dot", [](Kernel& k) { return k.sys_open("/tmp/.", O_RDONLY | O_CREAT, 0644); }, -EISDIR},
      {"unlink_dir", [](Kernel& k) { files(k); return k.sys_unlink("/tmp/d"); }, -EISDIR},
      {"unlink_dot", [](Kernel& k) { return k.sys_unlink("/tmp/."); }, -EISDIR},
      {"rename_file_onto_dir", [](Kernel& k) { files(k); return k.sys_rename("/tmp/f", "/tmp/e"); }, -EISDIR},
      {"read_dir", [buf](Kernel& k) mutable { files(k); return k.sys_read(open_fd(k, "/tmp/d", O_RDONLY), buf, 16); }, -EISDIR},
      // ---- EEXIST
      {"mkdir_existing_dir", [](Kernel& k) { files(k); return k.sys_mkdir("/tmp/d", 0755); }, -EEXIST},
      {"mkdir_existing_file", [](Kernel& k) { files(k); return k.sys_mkdir("/tmp/f", 0755); }, -EEXIST},
      {"mkdir_root", [](Kernel& k) { return k.sys_mkdir("/", 0755); }, -EEXIST},
      {"mkdir_dot", [](Kernel& k) { return k.sys_mkdir("/tmp/.", 0755); }, -EEXIST},
      {"mkdir_proc_existing", [](Kernel& k) { return k.sys_mkdir("/proc/1/net", 0755); }, -EEXIST},
      {"open_creat_excl_existing", [](Kernel& k) { files(k); return k.sys_open("/tmp/f", O_CREAT | O_EXCL | O_RDWR, 0644); }, -EEXIST},
      {"open_creat_excl_dangling_symlink",
       [](Kernel& k) { NEED(k.sys_symlink("/tmp/nowhere", "/tmp/dl")); return k.sys_open("/tmp/dl", O_CREAT | O_EXCL | O_RDWR, 0644); },
       -EEXIST},
      {"link_onto_existing", [](Kernel& k) { files(k); NEED(k.sys_creat("/tmp/g", 0644)); return k.sys_link("/tmp/f", "/tmp/g"); }, -EEXIST},
      {"symlink_onto_existing", [](Kernel& k) { files(k); return k.sys_symlink("/x", "/tmp/f"); }, -EEXIST},
      {"symlink_onto_proc_entry", [](Kernel& k) { return k.sys_symlink("/x", "/proc/1/status"); }, -EEXIST},
      {"renameat2_noreplace_existing",
       [](Kernel& k) { files(k); return k.sys_renameat2(AT_FDCWD, "/tmp/d", AT_FDCWD, "/tmp/e", RENAME_NOREPLACE); }, -EEXIST, "6.8"},
      // ---- ENOTEMPTY
      {"rmdir_nonempty", [](Kernel& k) { files(k); return k.sys_rmdir("/tmp/d"); }, -ENOTEMPTY},
      {"rmdir_dotdot", [](Kernel& k) { files(k); return k.sys_rmdir("/tmp/d/sub/.."); }, -ENOTEMPTY},
      {"rename_dir_onto_nonempty", [](Kernel& k) { files(k); return k.sys_rename("/tmp/e", "/tmp/d"); }, -ENOTEMPTY},
      {"rename_child_onto_ancestor", [](Kernel& k) { files(k); return k.sys_rename("/tmp/d/sub", "/tmp/d"); }, -ENOTEMPTY},
      // ---- EINVAL
      {"rename_dir_into_own_subdir", [](Kernel& k) { files(k); return k.sys_rename("/tmp/d", "/tmp/d/sub/x"); }, -EINVAL},
      {"rmdir_dot", [](Kernel& k) { files(k); return k.sys_rmdir("/tmp/d/."); }, -EINVAL},
      {"renameat2_unknown_flag",
       [](Kernel& k) { files(k); return k.sys_renameat2(AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/g", 1u << 5); }, -EINVAL, "6.8"},
      {"renameat2_noreplace_and_exchange",
       [](Kernel& k) { files(k); return k.sys_renameat2(AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/g", RENAME_NOREPLACE | RENAME_EXCHANGE); },
       -EINVAL, "6.8"},
      {"readlink_regular_file", [buf](Kernel& k) mutable { files(k); return k.sys_readlink("/tmp/f", buf, sizeof buf); }, -EINVAL},
      {"readlink_zero_bufsiz",
       [buf](Kernel& k) mutable { NEED(k.sys_symlink("/tmp", "/tmp/l")); return k.sys_readlink("/tmp/l", buf, 0); }, -EINVAL},
      {"umount_bad_flags", [](Kernel& k) { return k.sys_umount2("/victim", 0x100); }, -EINVAL},
      {"umount_expire_and_detach", [](Kernel& k) { return k.sys_umount2("/victim", MNT_EXPIRE | MNT_DETACH); }, -EINVAL},
      {"umount_not_a_mountpoint", [](Kernel& k) { return k.sys_umount2("/tmp", 0); }, -EINVAL},
      {"unlinkat_bad_flags", [](Kernel& k) { files(k); return k.sys_unlinkat(AT_FDCWD, "/tmp/f", 0x1); }, -EINVAL},
      {"linkat_bad_flags", [](Kernel& k) { files(k); return k.sys_linkat(AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/g", 0x1); }, -EINVAL},
      {"setns_non_ns_fd", [](Kernel& k) { files(k); return k.sys_setns(open_fd(k, "/tmp/f", O_RDONLY), CLONE_NEWNET); }, -EINVAL},
      {"setns_wrong_nstype",
       [](Kernel& k) { return k.sys_setns(open_fd(k, "/proc/self/ns/net", O_RDONLY), CLONE_NEWUTS); }, -EINVAL},
      {"fithaw_unfrozen", [](Kernel& k) { return k.sys_ioctl(open_fd(k, "/victim", O_RDONLY), FITHAW, 0); }, -EINVAL},
      {"getdents64_tiny_buffer",
       [](Kernel& k) { files(k); return k.sys_getdents64(open_fd(k, "/tmp/d", O_RDONLY), dents, 8); }, -EINVAL},
      {"write_proc_status", [](Kernel& k) { return k.sys_write(open_fd(k, "/proc/1/status", O_WRONLY), "x", 1); }, -EINVAL},
      // ---- EXDEV
      {"rename_across_mounts", [](Kernel& k) { files(k); return k.sys_rename("/tmp/f", "/victim/f"); }, -EXDEV},
      {"link_across_mounts", [](Kernel& k) { files(k); return k.sys_link("/tmp/f", "/victim/f"); }, -EXDEV},
      {"rename_proc_to_tmp", [](Kernel& k) { return k.sys_rename("/proc/1/status", "/tmp/x"); }, -EXDEV},
      {"link_proc_to_tmp", [](Kernel& k) { return k.sys_link("/proc/1/status", "/tmp/x"); }, -EXDEV},
      {"rename_across_bind_mounts_same_sb",
       [](Kernel& k) {
         files(k);
         NEED(k.sys_mkdir("/tmp/m", 0755));
         NEED(k.sys_mount("/tmp/d", "/tmp/m", nullptr, MS_BIND, nullptr));
         return k.sys_rename("/tmp/f", "/tmp/m/f");
       },
       -EXDEV},
      // ---- ELOOP
      {"symlink_loop",
       [](Kernel& k) { NEED(k.sys_symlink("/tmp/b", "/tmp/a")); NEED(k.sys_symlink("/tmp/a", "/tmp/b")); return k.sys_stat("/tmp/a", &st); },
       -ELOOP},
      {"symlink_self_loop_component",
       [](Kernel& k) { NEED(k.sys_symlink("l", "/tmp/l")); return k.sys_open("/tmp/l/x", O_RDONLY); }, -ELOOP},
      {"open_nofollow_symlink",
       [](Kernel& k) { files(k); NEED(k.sys_symlink("/tmp/f", "/tmp/l")); return k.sys_open("/tmp/l", O_RDONLY | O_NOFOLLOW); }, -ELOOP},
      {"open_creat_nofollow_symlink",
       [](Kernel& k) { files(k); NEED(k.sys_symlink("/tmp/f", "/tmp/l")); return k.sys_open("/tmp/l", O_RDWR | O_CREAT | O_NOFOLLOW, 0644); },
       -ELOOP},
      {"chain_of_41_links", [](Kernel& k) { return k.sys_stat(chain_links(k, 41, "c", false).c_str(), &st); }, -ELOOP},
      {"nesting_9_deep", [](Kernel& k) { return k.sys_stat((chain_links(k, 9, "n", true) + "/.").c_str(), &st); }, -ELOOP},
      // ---- ENAMETOOLONG
      {"component_256_open", [](Kernel& k) { return k.sys_open(("/tmp/" + kLong256).c_str(), O_RDONLY); }, -ENAMETOOLONG},
      {"component_256_mkdir", [](Kernel& k) { return k.sys_mkdir(("/tmp/" + kLong256).c_str(), 0755); }, -ENAMETOOLONG},
      {"component_256_intermediate", [](Kernel& k) { return k.sys_stat(("/tmp/" + kLong256 + "/x").c_str(), &st); }, -ENAMETOOLONG},
      {"path_4096", [](Kernel& k) { return k.sys_stat(path_of_len(4096).c_str(), &st); }, -ENAMETOOLONG},
      {"symlink_target_4096", [](Kernel& k) { return k.sys_symlink(path_of_len(4096).c_str(), "/tmp/l"); }, -ENAMETOOLONG},
      {"component_255_is_fine", [](Kernel& k) { return k.sys_open(("/tmp/" + kLong255).c_str(), O_RDONLY); }, -ENOENT},
      {"path_4095_is_fine", [](Kernel& k) { return k.sys_stat(path_of_len(4095).c_str(), &st); }, -ENOENT},
      // ---- EBADF
      {"read_minus_one", [buf](Kernel& k) mutable { return k.sys_read(-1, buf, 1); }, -EBADF},
      {"read_huge_fd", [buf](Kernel& k) mutable { return k.sys_read(100000, buf, 1); }, -EBADF},
      {"write_unopened", [](Kernel& k) { return k.sys_write(1023, "x", 1); }, -EBADF},
      {"close_minus_one", [](Kernel& k) { return k.sys_close(-1); }, -EBADF},
      {"close_twice", [](Kernel& k) { int fd = open_fd(k, "/tmp", O_RDONLY); NEED(k.sys_close(fd)); return k.sys_close(fd); }, -EBADF},
      {"fstat_bad_fd", [](Kernel& k) { return k.sys_fstat(1023, &st); }, -EBADF},
      {"getdents64_bad_fd", [](Kernel& k) { return k.sys_getdents64(-1, dents, sizeof dents); }, -EBADF},
      {"fchdir_bad_fd", [](Kernel& k) { return k.sys_fchdir(77); }, -EBADF},
      {"ioctl_bad_fd", [](Kernel& k) { return k.sys_ioctl(-1, FIFREEZE, 0); }, -EBADF},
      {"setns_bad_fd", [](Kernel& k) { return k.sys_setns(500, CLONE_NEWNET); }, -EBADF},
      {"openat_bad_dirfd", [](Kernel& k) { return k.sys_openat(55, "x", O_RDONLY); }, -EBADF},
      {"mkdirat_bad_dirfd", [](Kernel& k) { return k.sys_mkdirat(-5, "x", 0755); }, -EBADF},
      {"write_rdonly_fd", [](Kernel& k) { files(k); return k.sys_write(open_fd(k, "/tmp/f", O_RDONLY), "x", 1); }, -EBADF},
      {"read_wronly_fd", [buf](Kernel& k) mutable { files(k); return k.sys_read(open_fd(k, "/tmp/f", O_WRONLY), buf, 1); }, -EBADF},
      {"read_opath_fd", [buf](Kernel& k) mutable { files(k); return k.sys_read(open_fd(k, "/tmp/f", O_PATH), buf, 1); }, -EBADF},
      {"getdents64_opath_fd",
       [](Kernel& k) { files(k); return k.sys_getdents64(open_fd(k, "/tmp/d", O_PATH), dents, sizeof dents); }, -EBADF},
      // ---- EFAULT
      {"open_null_path", [](Kernel& k) { return k.sys_open(nullptr, O_RDONLY); }, -EFAULT},
      {"stat_null_path", [](Kernel& k) { return k.sys_stat(nullptr, &st); }, -EFAULT},
      {"mkdir_null_path", [](Kernel& k) { return k.sys_mkdir(nullptr, 0755); }, -EFAULT},
      {"rename_null_new", [](Kernel& k) { files(k); return k.sys_rename("/tmp/f", nullptr); }, -EFAULT},
      {"symlink_null_target", [](Kernel& k) { return k.sys_symlink(nullptr, "/tmp/l"); }, -EFAULT},
      {"stat_null_buf", [](Kernel& k) { return k.sys_stat("/tmp", nullptr); }, -EFAULT},
      {"read_null_buf", [](Kernel& k) { return k.sys_read(open_fd(k, "/dev/zero", O_RDONLY), nullptr, 16); }, -EFAULT},
      {"getdents64_null_buf", [](Kernel& k) { return k.sys_getdents64(open_fd(k, "/tmp", O_RDONLY), nullptr, 4096); }, -EFAULT},
      // ---- EPERM in /proc and on directories
      {"unlink_proc_file", [](Kernel& k) { return k.sys_unlink("/proc/1/status"); }, -EPERM},
      {"unlink_proc_self", [](Kernel& k) { return k.sys_unlink("/proc/self"); }, -EPERM},
      {"rmdir_proc_pid_subdir", [](Kernel& k) { return k.sys_rmdir("/proc/1/net"); }, -EPERM},
      {"rmdir_proc_pid", [](Kernel& k) { return k.sys_rmdir("/proc/1"); }, -EPERM},
      {"rename_within_proc_pid", [](Kernel& k) { return k.sys_rename("/proc/1/status", "/proc/1/cmdline"); }, -EPERM},
      {"link_of_dir", [](Kernel& k) { files(k); return k.sys_link("/tmp/d", "/tmp/d2"); }, -EPERM},
      // ---- EBUSY
      {"rmdir_mountpoint", [](Kernel& k) { return k.sys_rmdir("/victim"); }, -EBUSY},
      {"rmdir_root", [](Kernel& k) { return k.sys_rmdir("/"); }, -EBUSY},
      {"rename_dot", [](Kernel& k) { return k.sys_rename("/tmp/.", "/tmp/x"); }, -EBUSY},
      {"rename_onto_dotdot", [](Kernel& k) { files(k); return k.sys_rename("/tmp/d", "/tmp/e/.."); }, -EBUSY},
      {"rename_mountpoint", [](Kernel& k) { return k.sys_rename("/victim", "/victim2"); }, -EBUSY},
      {"umount_with_open_fd", [](Kernel& k) { open_fd(k, "/victim", O_RDONLY); return k.sys_umount2("/victim", 0); }, -EBUSY},
      {"umount_cwd_inside", [](Kernel& k) { NEED(k.sys_chdir("/victim")); return k.sys_umount2("/victim", 0); }, -EBUSY},
      {"umount_with_submount",
       [](Kernel& k) {
         NEED(k.sys_mkdir("/victim/m", 0755));
         NEED(k.sys_mount("/tmp", "/victim/m", nullptr, MS_BIND, nullptr));
         return k.sys_umount2("/victim", 0);
       },
       -EBUSY},
      {"double_fifreeze",
       [](Kernel& k) {
         int fd = open_fd(k, "/victim", O_RDONLY);
         NEED(k.sys_ioctl(fd, FIFREEZE, 0));
         long r = k.sys_ioctl(fd, FIFREEZE, 0);
         NEED(k.sys_ioctl(fd, FITHAW, 0));
         return r;
       },
       -EBUSY},
      // ---- ioctl
      {"unknown_ioctl", [](Kernel& k) { return k.sys_ioctl(open_fd(k, "/tmp", O_RDONLY), 0x1234, 0); }, -ENOTTY},
      {"fifreeze_ramfs", [](Kernel& k) { return k.sys_ioctl(open_fd(k, "/tmp", O_RDONLY), FIFREEZE, 0); }, -EOPNOTSUPP},
      // ---- mount
      {"mount_unknown_type",
       [](Kernel& k) { files(k); return k.sys_mount("none", "/tmp/e", "nosuchfs", 0, nullptr); }, -ENODEV},
      {"bind_missing_source",
       [](Kernel& k) { files(k); return k.sys_mount("/tmp/nope", "/tmp/e", nullptr, MS_BIND, nullptr); }, -ENOENT},
      // ---- EMFILE
      {"emfile_past_1024",
       [](Kernel& k) {
         long r = 0;
         int opened = 0;
         while ((r = k.sys_open("/tmp", O_RDONLY)) >= 0) opened++;
         EXPECT_EQ(opened, sk::NR_OPEN_DEFAULT);
         return r;
       },
       -EMFILE},
  };
}

TEST(Errno, EveryCaseMatchesLinux38) {
  auto all = cases();
  EXPECT_GE(all.size(), 60u);
  for (auto& c : all) {
    SCOPED_TRACE(c.name);
    auto k = boot(c.kernel);
    long r = call(*k, c.body);
    EXPECT_EQ(r, c.expected) << c.name << ": got " << r << " (" << (r < 0 ? strerror(static_cast<int>(-r)) : "ok")
                             << "), want " << c.expected << " (" << strerror(static_cast<int>(-c.expected)) << ")";
  }
}

// ---- positive behaviour

TEST(Errno, ChainsAtTheLimitResolve) {
  auto k = boot("3.8");
  sk::kstat st{};
  EXPECT_EQ(call(*k, [&](Kernel& kk) { return kk.sys_stat(chain_links(kk, 40, "c", false).c_str(), &st); }), 0);
  EXPECT_TRUE(S_ISDIR(st.mode));
  auto k2 = boot("3.8");
  EXPECT_EQ(call(*k2, [&](Kernel& kk) { return kk.sys_stat((chain_links(kk, 8, "n", true) + "/.").c_str(), &st); }), 0);
}

std::vector<std::string> list_dir(Kernel& k, const char* p) {
  std::vector<std::string> names;
  int fd = static_cast<int>(k.sys_open(p, O_RDONLY | O_DIRECTORY));
  if (fd < 0) return {"<open " + std::to_string(fd) + ">"};
  alignas(8) char buf[512];  // small: several calls
  for (;;) {
    long n = k.sys_getdents64(fd, buf, sizeof buf);
    if (n <= 0) break;
    for (long off = 0; off < n;) {
      auto* d = reinterpret_cast<sk::linux_dirent64*>(buf + off);
      names.emplace_back(d->d_name);
      off += d->d_reclen;
    }
  }
  k.sys_close(fd);
  std::sort(names.begin(), names.end());
  return names;
}

TEST(Errno, DirectoryOperationsShowUp) {
  auto k = boot("6.8");  // RENAME_EXCHANGE below: renameat2 is 3.15's
  run_task(*k, [](Kernel& k) {
    files(k);
    EXPECT_EQ(list_dir(k, "/tmp"), (std::vector<std::string>{".", "..", "d", "e", "f"}));
    EXPECT_EQ(k.sys_rename("/tmp/f", "/tmp/d/g"), 0);
    EXPECT_EQ(k.sys_link("/tmp/d/g", "/tmp/h"), 0);
    EXPECT_EQ(k.sys_symlink("d/g", "/tmp/s"), 0);
    EXPECT_EQ(list_dir(k, "/tmp"), (std::vector<std::string>{".", "..", "d", "e", "h", "s"}));
    EXPECT_EQ(list_dir(k, "/tmp/d"), (std::vector<std::string>{".", "..", "g", "sub"}));
    sk::kstat a{}, b{}, l{};
    EXPECT_EQ(k.sys_stat("/tmp/h", &a), 0);
    EXPECT_EQ(k.sys_stat("/tmp/s", &b), 0);
    EXPECT_EQ(k.sys_lstat("/tmp/s", &l), 0);
    EXPECT_EQ(a.ino, b.ino);
    EXPECT_EQ(a.nlink, 2u);
    EXPECT_EQ(a.size, 5);
    EXPECT_TRUE(S_ISLNK(l.mode));
    char buf[64] = {};
    EXPECT_EQ(k.sys_readlink("/tmp/s", buf, sizeof buf), 3);
    EXPECT_STREQ(buf, "d/g");
    EXPECT_EQ(k.sys_readlink("/tmp/s", buf, 1), 1);  // truncated, no NUL
    // read through the link
    int fd = static_cast<int>(k.sys_open("/tmp/s", O_RDONLY));
    ASSERT_GE(fd, 0);
    char data[16] = {};
    EXPECT_EQ(k.sys_read(fd, data, sizeof data), 5);
    EXPECT_STREQ(data, "hello");
    EXPECT_EQ(k.sys_read(fd, data, sizeof data), 0);
    EXPECT_EQ(k.sys_close(fd), 0);
    // unlink one name: the other stays
    EXPECT_EQ(k.sys_unlink("/tmp/d/g"), 0);
    EXPECT_EQ(k.sys_stat("/tmp/h", &a), 0);
    EXPECT_EQ(a.nlink, 1u);
    EXPECT_EQ(k.sys_stat("/tmp/s", &b), -ENOENT);
    // rename a directory, then rmdir it
    EXPECT_EQ(k.sys_rename("/tmp/d", "/tmp/e/moved"), 0);
    EXPECT_EQ(k.sys_rmdir("/tmp/e/moved/sub"), 0);
    EXPECT_EQ(k.sys_unlinkat(AT_FDCWD, "/tmp/e/moved", AT_REMOVEDIR), 0);
    EXPECT_EQ(list_dir(k, "/tmp/e"), (std::vector<std::string>{".", ".."}));
    // exchange
    EXPECT_EQ(k.sys_mkdir("/tmp/x", 0755), 0);
    EXPECT_EQ(k.sys_renameat2(AT_FDCWD, "/tmp/h", AT_FDCWD, "/tmp/x", RENAME_EXCHANGE), 0);
    EXPECT_EQ(k.sys_stat("/tmp/h", &a), 0);
    EXPECT_TRUE(S_ISDIR(a.mode));
    EXPECT_EQ(k.sys_stat("/tmp/x", &a), 0);
    EXPECT_TRUE(S_ISREG(a.mode));
    // renaming onto itself (a hard link of the same inode) is a no-op
    EXPECT_EQ(k.sys_link("/tmp/x", "/tmp/x2"), 0);
    EXPECT_EQ(k.sys_rename("/tmp/x", "/tmp/x2"), 0);
    EXPECT_EQ(k.sys_stat("/tmp/x", &a), 0);
  });
}

TEST(Errno, ChdirAndRelativePaths) {
  auto k = boot("3.8");
  run_task(*k, [](Kernel& k) {
    files(k);
    EXPECT_EQ(k.sys_chdir("/tmp/d"), 0);
    EXPECT_EQ(k.sys_mkdir("rel", 0755), 0);
    sk::kstat st{};
    EXPECT_EQ(k.sys_stat("/tmp/d/rel", &st), 0);
    EXPECT_EQ(k.sys_stat("../f", &st), 0);
    EXPECT_EQ(st.size, 5);
    int fd = static_cast<int>(k.sys_open("/tmp/e", O_RDONLY | O_DIRECTORY));
    EXPECT_EQ(k.sys_fchdir(fd), 0);
    EXPECT_EQ(k.sys_creat("here", 0644) >= 0, true);
    EXPECT_EQ(k.sys_stat("/tmp/e/here", &st), 0);
    EXPECT_EQ(k.sys_mkdirat(fd, "viafd", 0755), 0);
    EXPECT_EQ(k.sys_stat("/tmp/e/viafd", &st), 0);
    EXPECT_EQ(k.sys_openat(12345, "/tmp/f", O_RDONLY) >= 0, true);  // absolute: dirfd ignored
    char buf[64] = {};
    long n = k.sys_readlink("/proc/self/cwd", buf, sizeof buf);
    EXPECT_EQ(std::string(buf, n > 0 ? n : 0), "/tmp/e");
    EXPECT_EQ(k.sys_stat("/..", &st), 0);  // .. of the root is the root
    sk::kstat root{};
    EXPECT_EQ(k.sys_stat("/", &root), 0);
    EXPECT_EQ(st.ino, root.ino);
  });
}

TEST(Errno, BindMountAndUmount) {
  auto k = boot("3.8");
  run_task(*k, [](Kernel& k) {
    files(k);
    EXPECT_EQ(k.sys_mount("/tmp/d", "/tmp/e", nullptr, MS_BIND, nullptr), 0);
    EXPECT_EQ(list_dir(k, "/tmp/e"), (std::vector<std::string>{".", "..", "sub"}));
    sk::kstat a{}, b{};
    EXPECT_EQ(k.sys_stat("/tmp/e/sub", &a), 0);
    EXPECT_EQ(k.sys_stat("/tmp/d/sub", &b), 0);
    EXPECT_EQ(a.ino, b.ino);
    EXPECT_EQ(k.sys_mkdir("/tmp/e/new", 0755), 0);  // shows up in both
    EXPECT_EQ(k.sys_stat("/tmp/d/new", &b), 0);
    EXPECT_EQ(k.sys_rmdir("/tmp/e"), -EBUSY);
    EXPECT_EQ(k.sys_umount2("/tmp/e", 0), 0);
    EXPECT_EQ(list_dir(k, "/tmp/e"), (std::vector<std::string>{".", ".."}));
    EXPECT_EQ(k.sys_umount2("/tmp/e", 0), -EINVAL);
    EXPECT_EQ(k.sys_rmdir("/tmp/e"), 0);
    // lazy umount of a busy mount
    int fd = static_cast<int>(k.sys_open("/victim", O_RDONLY));
    EXPECT_EQ(k.sys_umount2("/victim", 0), -EBUSY);
    EXPECT_EQ(k.sys_umount2("/victim", MNT_DETACH), 0);
    EXPECT_EQ(k.sys_fstat(fd, &a), 0);
    EXPECT_EQ(k.sys_rmdir("/victim"), 0);  // no longer a mountpoint
  });
}

TEST(Errno, FreezeThawVictim) {
  auto k = boot("3.8");
  run_task(*k, [](Kernel& k) {
    int fd = static_cast<int>(k.sys_open("/victim", O_RDONLY));
    EXPECT_EQ(k.sys_ioctl(fd, FIFREEZE, 0), 0);
    EXPECT_EQ(k.sys_ioctl(fd, FITHAW, 0), 0);
    EXPECT_EQ(k.sys_ioctl(fd, FITHAW, 0), -EINVAL);
    EXPECT_EQ(k.sys_mkdir("/victim/after", 0755), 0);
  });
}

}  // namespace
