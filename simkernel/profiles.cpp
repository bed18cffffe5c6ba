#include "simkernel/profiles.h"

namespace sk {

// Releases: 28eceeda130f and f23ce7571853 came in the v6.5 merge window
// (Christian Brauner's tag v6.5/vfs.rename.locking, based on 6.4-rc2);
// 22e111ed6c83 and a8b0026847b8 are Al Viro's "rename deadlock fixes"
// (posted November 2023, #work.rename), merged for v6.8 and backported to
// 6.6.15 stable ("commit 22e111ed6c83 upstream", 2024-01-29).
const std::vector<profile>& all_profiles() {
  static const std::vector<profile> profiles = {
      {profile_id::v2_6_24, "2.6.24", "2.6.24-simtrinity", false, false, false, false, dir_locking::v3_8,
       "before network namespaces: /proc/net is one plain directory, there is no /proc/PID/net"},
      {profile_id::v3_8, "3.8", "3.8.0-simtrinity", true, false, false, false, dir_locking::v3_8,
       "proc_get_inode() uses iget_locked(): /proc/PID/net/<dir> of tasks in one netns share a directory inode (the bug)"},
      {profile_id::v3_9, "3.9", "3.9.0-simtrinity", true, true, false, false, dir_locking::v3_8,
       "Linus's fix 51f0885e5415: proc_get_inode() uses new_inode_pseudo(), a fresh inode per dentry"},
      {profile_id::netns_symlink, "netns-symlink", "3.8.0-netns-symlink", true, false, true, false, dir_locking::v3_8,
       "Al Viro's proposal: /proc/PID/net is a symlink to the per-netns directory /proc/netns-ID/net"},
      {profile_id::v6_4, "6.4", "6.4.0-simtrinity", true, true, false, true, dir_locking::v6_4,
       "directory locking before Jan Kara's 28eceeda130f: rename() locks a subdirectory only as the victim"},
      {profile_id::v6_5, "6.5", "6.5.0-simtrinity", true, true, false, true, dir_locking::v6_5,
       "28eceeda130f \"fs: Lock moved directories\" + f23ce7571853: same-directory rename locks both "
       "subdirectories in inode pointer order without s_vfs_rename_mutex (the bug)"},
      {profile_id::v6_8, "6.8", "6.8.0-simtrinity", true, true, false, true, dir_locking::v6_8,
       "Al Viro's fixes 22e111ed6c83 \"rename(): fix the locking of subdirectories\" and a8b0026847b8 "
       "(no common ancestor: EXDEV)"},
  };
  return profiles;
}

kernel_version version_of(const profile& p) {
  kernel_version v{0, 0};
  std::string_view r = p.release;
  size_t i = 0;
  for (; i < r.size() && r[i] != '.'; i++) v.major = v.major * 10 + (r[i] - '0');
  for (i++; i < r.size() && r[i] >= '0' && r[i] <= '9'; i++) v.minor = v.minor * 10 + (r[i] - '0');
  return v;
}

namespace {
// Syscalls younger than the oldest profile (2.6.24), with the release and
// commit that added each.
struct syscall_since {
  std::string_view name;
  kernel_version since;
};
constexpr syscall_since kYoungSyscalls[] = {
    {"setns", {3, 0}},       // 7b21fddd0876 "ns: Introduce the setns syscall"
    {"renameat2", {3, 15}},  // 520c8b165052 "vfs: add renameat2 syscall"
};
}  // namespace

bool has_syscall(const profile& p, std::string_view sys) {
  for (const auto& s : kYoungSyscalls)
    if (s.name == sys) return !(version_of(p) < s.since);
  return true;
}

const profile* find_profile(std::string_view name) {
  for (const auto& p : all_profiles())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace sk
