#include "simkernel/profiles.h"

namespace sk {

// Releases: 28eceeda130f and f23ce7571853 came in the v6.5 merge window
// (Christian Brauner's tag v6.5/vfs.rename.locking, based on 6.4-rc2);
// 22e111ed6c83 and a8b0026847b8 are Al Viro's "rename deadlock fixes"
// (posted November 2023, #work.rename), merged for v6.8 and backported to
// 6.6.15 stable ("commit 22e111ed6c83 upstream", 2024-01-29).
const std::vector<profile>& all_profiles() {
  static const std::vector<profile> profiles = {
      {profile_id::v2_6_24, "2.6.24", "2.6.24-simtrinity", false, false, false, dir_locking::v3_8,
       "before network namespaces: /proc/net is one plain directory, there is no /proc/PID/net"},
      {profile_id::v3_8, "3.8", "3.8.0-simtrinity", true, false, false, dir_locking::v3_8,
       "proc_get_inode() uses iget_locked(): /proc/PID/net/<dir> of tasks in one netns share a directory inode (the bug)"},
      {profile_id::v3_9, "3.9", "3.9.0-simtrinity", true, true, false, dir_locking::v3_8,
       "Linus's fix 51f0885e5415: proc_get_inode() uses new_inode_pseudo(), a fresh inode per dentry"},
      {profile_id::netns_symlink, "netns-symlink", "3.8.0-netns-symlink", true, false, true, dir_locking::v3_8,
       "Al Viro's proposal: /proc/PID/net is a symlink to the per-netns directory /proc/netns-ID/net"},
      {profile_id::v6_4, "6.4", "6.4.0-simtrinity", true, true, false, dir_locking::v6_4,
       "directory locking before Jan Kara's 28eceeda130f: rename() locks a subdirectory only as the victim"},
      {profile_id::v6_5, "6.5", "6.5.0-simtrinity", true, true, false, dir_locking::v6_5,
       "28eceeda130f \"fs: Lock moved directories\" + f23ce7571853: same-directory rename locks both "
       "subdirectories in inode pointer order without s_vfs_rename_mutex (the bug)"},
      {profile_id::v6_8, "6.8", "6.8.0-simtrinity", true, true, false, dir_locking::v6_8,
       "Al Viro's fixes 22e111ed6c83 \"rename(): fix the locking of subdirectories\" and a8b0026847b8 "
       "(no common ancestor: EXDEV)"},
  };
  return profiles;
}

const profile* find_profile(std::string_view name) {
  for (const auto& p : all_profiles())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace sk
