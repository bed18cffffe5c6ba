// Detector 5: VFS invariants. A directory inode must have at most one
// dentry (fs/dcache.c's d_splice_alias() relies on it, and lock_rename()
// orders i_mutexes by dentry ancestry). Checked when d_instantiate() gives
// an inode with aliases one more; reported once per inode, as a warning.
#pragma once
#include <vector>

#include "simkernel/debug/watchdog.h"

namespace sk::debug {

class VfsInvariants {
 public:
  VfsInvariants(Kernel& k, const WatchdogOptions& opts) : k_(k), opts_(opts) {}
  void dentry_alias(inode& i, dentry& existing, dentry& added);

 private:
  Kernel& k_;
  const WatchdogOptions& opts_;
  std::vector<kaddr_t> reported_;  // inode addresses, report order
};

// The dentry's path as the current task sees it (d_path from its root),
// without the " (deleted)" of a dentry not hashed yet.
std::string dentry_path(Kernel& k, dentry& d);

}  // namespace sk::debug
