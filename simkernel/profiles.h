// Kernel profiles: which real code paths a boot compiles in. A profile never
// plants a bug; it selects how procfs builds /proc/PID/net, as the kernel
// versions did.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sk {

enum class profile_id { v2_6_24, v3_8, v3_9, netns_symlink };

struct profile {
  profile_id id;
  std::string_view name;     // as given to --kernel
  std::string_view release;  // uname -r
  bool has_netns;            // CONFIG_NET_NS and /proc/PID/net (2.6.25+)
  bool proc_unique_inodes;   // 3.9's proc_get_inode(): new_inode_pseudo(), not iget_locked()
  bool proc_net_symlink;     // Al Viro's design: /proc/PID/net -> /proc/netns-ID/net
  std::string_view summary;  // one line on what differs
};

// The profile a boot gets when none is named (KernelOptions, the CLI, the
// .prog format): the kernel with the /proc/PID/net bug.
inline constexpr std::string_view kDefaultProfile = "3.8";
// The victim directory created at boot when none is named: a freezable fs.
inline constexpr std::string_view kDefaultVictim = "/victim";

const std::vector<profile>& all_profiles();
// nullptr when the name is unknown.
const profile* find_profile(std::string_view name);

}  // namespace sk
