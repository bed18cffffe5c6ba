// Which victim directories (-V) a run can have. The kernel makes the victim
// at boot (simkernel/kernel/init.cpp): mkdir, then a freezable simfs
// mounted on it after /dev, /proc and /sys are mounted. So it must be a
// new name directly under / (deeper, its parent would be missing or hidden
// by a mount; an existing name, mkdir fails) -- which the kernel's own boot
// tree decides, asked here by booting one.
#pragma once
#include <string>

namespace simtrinity {

// "" when `victim` can be the victim directory of kernel `profile`, else
// the reason, one line.
std::string check_victim(const std::string& victim, const std::string& profile);

}  // namespace simtrinity
