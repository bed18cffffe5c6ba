// The per-netns /proc/net tree (fs/proc/proc_net.c and the net/ files).
#pragma once

namespace sk {

class Kernel;
struct net;

unsigned proc_alloc_inum(Kernel& k);
// Builds n->proc_net: dev, route, snmp, sockstat, tcp, udp, unix, netlink,
// protocols, stat/{arp_cache,rt_cache,ndisc_cache}, netfilter/, dev_snmp6/.
void proc_net_ns_init(Kernel& k, net* n);

}  // namespace sk
