#include "simkernel/net/net_namespace.h"

#include <algorithm>

#include "simkernel/base/err_ptr.h"
#include "simkernel/debug/kframe.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/fs/proc/proc_net.h"
#include "simkernel/kernel.h"

namespace sk {

net* setup_net(Kernel& k, bool is_init) {
  KFRAME(setup_net);
  auto* n = k.net_cachep.alloc();
  n->addr = k.kaddr.alloc(0x1300);
  n->id = k.next_net_id++;
  n->devices.push_back("lo");
  if (is_init) n->devices.push_back("eth0");
  n->proc_inum = proc_alloc_inum(k);
  proc_net_ns_init(k, n);
  k.net_namespaces.push_back(n);
  return n;
}

net* get_net(net* n) {
  n->count++;
  return n;
}

void put_net(Kernel& k, net* n) {
  KFRAME(netns_put);
  if (--n->count > 0) return;
  if (k.dying()) return;
  KFRAME(cleanup_net);
  n->dead = true;
  auto it = std::find(k.net_namespaces.begin(), k.net_namespaces.end(), n);
  if (it != k.net_namespaces.end()) k.net_namespaces.erase(it);
  if (!n->proc_pins) release_net(k, n);
}

void release_net(Kernel& k, net* n) {
  if (k.dying()) return;
  free_proc_subtree(k, n->proc_netns_dir ? n->proc_netns_dir : n->proc_net);
  k.net_cachep.free(n);
}

net* copy_net_ns(Kernel& k, unsigned long flags, net* old) {
  KFRAME(copy_net_ns);
  if (!(flags & CLONE_NEWNET)) return get_net(old);
  if (!k.prof().has_netns) return ERR_PTR<net>(-EINVAL);  // !CONFIG_NET_NS
  return setup_net(k, false);
}

}  // namespace sk
