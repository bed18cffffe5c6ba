// struct net: a network namespace with its devices and its own /proc/net
// tree (net/core/net_namespace.c, fs/proc/proc_net.c).
#pragma once
#include <string>
#include <vector>

#include "simkernel/base/kaddr.h"

namespace sk {

class Kernel;
struct proc_dir_entry;

struct net {
  kaddr_t addr;
  int count = 1;              // users: nsproxies and open ns files
  unsigned proc_inum = 0;     // the ns inode number (readlink: "net:[N]")
  int id = 0;                 // creation order; init_net is 0
  bool dead = false;          // cleaned up; freed once no proc inode pins its tree
  unsigned proc_pins = 0;     // proc inodes over entries of its /proc/net tree
  proc_dir_entry* proc_net = nullptr;       // "net" directory of this netns
  proc_dir_entry* proc_net_stat = nullptr;  // "net/stat"
  proc_dir_entry* proc_netns_dir = nullptr; // netns-symlink profile: "/proc/netns-ID"
  std::vector<std::string> devices;         // lo first
};

// setup_net(): a new namespace with its devices and /proc/net entries.
net* setup_net(Kernel& k, bool is_init);
net* get_net(net* n);
void put_net(Kernel& k, net* n);
net* copy_net_ns(Kernel& k, unsigned long flags, net* old);
// Frees a dead namespace and its /proc/net tree (no inode pins it).
void release_net(Kernel& k, net* n);

}  // namespace sk
