// Kernel profiles: which real code paths a boot compiles in. A profile never
// plants a bug; it selects the code a kernel version ran: how procfs builds
// /proc/PID/net, and how rename() locks directories (dir_locking).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sk {

enum class profile_id { v2_6_24, v3_8, v3_9, netns_symlink, v6_4, v6_5, v6_8 };

// The rename() locking of each era (simkernel/fs/rename_locking.cpp, one
// function per era; each version's Documentation/filesystems/directory-locking.rst
// is the spec):
//  v3_8  lock_rename(): parents as I_MUTEX_PARENT / I_MUTEX_CHILD; vfs_rename()
//        locks the target only.
//  v6_4  lock_two_directories(): unrelated parents as PARENT / PARENT2 in
//        argument order; vfs_rename() locks non-directories (pointer order,
//        lock_two_nondirectories) or a directory target.
//  v6_5  Jan Kara's 6.5 series: unrelated parents in inode pointer order
//        (f23ce7571853), vfs_rename() locks source and target, directories
//        included, with lock_two_inodes() (28eceeda130f).
//  v6_8  Al Viro's fixes: lock_two_directories() walks to the common ancestor
//        and fails with EXDEV without one (a8b0026847b8); subdirectories are
//        locked only when their parent changes or as the victim (22e111ed6c83).
enum class dir_locking { v3_8, v6_4, v6_5, v6_8 };

struct profile {
  profile_id id;
  std::string_view name;     // as given to --kernel
  std::string_view release;  // uname -r
  bool has_netns;            // CONFIG_NET_NS and /proc/PID/net (2.6.25+)
  bool proc_unique_inodes;   // 3.9's proc_get_inode(): new_inode_pseudo(), not iget_locked()
  bool proc_net_symlink;     // Al Viro's design: /proc/PID/net -> /proc/netns-ID/net
  // /proc/PID/task/TID/net: not in tid_base_stuff up to 3.10 at least (3.4's
  // and 3.10's fs/proc/base.c have none), there by 5.14 (under CONFIG_NET).
  bool proc_tid_net;
  dir_locking rename_locking;
  std::string_view summary;  // one line on what differs, with the commits
};

// The profile a boot gets when none is named (KernelOptions, the CLI, the
// .prog format): the kernel with the /proc/PID/net bug.
inline constexpr std::string_view kDefaultProfile = "3.8";
// The victim directory created at boot when none is named: a freezable fs.
inline constexpr std::string_view kDefaultVictim = "/victim";

const std::vector<profile>& all_profiles();
// The profile's major and minor version (3.8 -> {3, 8}), from `release`.
struct kernel_version {
  int major, minor;
  friend bool operator<(kernel_version a, kernel_version b) {
    return a.major != b.major ? a.major < b.major : a.minor < b.minor;
  }
};
kernel_version version_of(const profile& p);
// Whether the profile's syscall table has `sys` (a syscall younger than the
// profile is sys_ni_syscall: ENOSYS). Only syscalls younger than the oldest
// profile are listed in profiles.cpp; every other one is in every table.
bool has_syscall(const profile& p, std::string_view sys);
// nullptr when the name is unknown.
const profile* find_profile(std::string_view name);

}  // namespace sk
