#include "simkernel/profiles.h"

namespace sk {

const std::vector<profile>& all_profiles() {
  static const std::vector<profile> profiles = {
      {profile_id::v2_6_24, "2.6.24", "2.6.24-simtrinity", false, false, false,
       "before network namespaces: /proc/net is one plain directory, there is no /proc/PID/net"},
      {profile_id::v3_8, "3.8", "3.8.0-simtrinity", true, false, false,
       "proc_get_inode() uses iget_locked(): /proc/PID/net/<dir> of tasks in one netns share a directory inode (the bug)"},
      {profile_id::v3_9, "3.9", "3.9.0-simtrinity", true, true, false,
       "Linus's fix 51f0885e5415: proc_get_inode() uses new_inode_pseudo(), a fresh inode per dentry"},
      {profile_id::netns_symlink, "netns-symlink", "3.8.0-netns-symlink", true, false, true,
       "Al Viro's proposal: /proc/PID/net is a symlink to the per-netns directory /proc/netns-ID/net"},
  };
  return profiles;
}

const profile* find_profile(std::string_view name) {
  for (const auto& p : all_profiles())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace sk
