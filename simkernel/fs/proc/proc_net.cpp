// Per-netns /proc/net (fs/proc/proc_net.c) and the contents of its files,
// generated from the namespace's state at read time.
#include <fmt/format.h>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/fs/proc/proc_net.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"
#include "simkernel/net/net_namespace.h"

namespace sk {

namespace {

std::string show_dev(Kernel&, net* n) {
  std::string s =
      "Inter-|   Receive                                                |  Transmit\n"
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls "
      "carrier compressed\n";
  for (const auto& d : n->devices)
    s += fmt::format("{:>6}:       0       0    0    0    0     0          0         0        0       0    0    "
                     "0    0     0       0          0\n",
                     d);
  return s;
}

std::string show_route(Kernel&, net* n) {
  std::string s = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
  for (const auto& d : n->devices)
    if (d != "lo") s += fmt::format("{}\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n", d);
  return s;
}

std::string show_fixed(const char* text) { return text; }

std::string show_sockstat(Kernel&, net* n) {
  return fmt::format("sockets: used {}\nTCP: inuse 0 orphan 0 tw 0 alloc 0 mem 0\nUDP: inuse 0 mem 0\n"
                     "UDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n",
                     n->id == 0 ? 42 : 0);
}

std::string show_stat_cache(const char* name, net* n) {
  return fmt::format("entries  allocs destroys hash_grows  lookups hits  res_failed  rcv_probes_mcast "
                     "rcv_probes_ucast  periodic_gc_runs forced_gc_runs unresolved_discards table_fulls\n"
                     "{:08x}  00000000 00000000 00000000  00000000 00000000  00000000  00000000 00000000  "
                     "00000000 00000000 00000000 00000000\n",
                     static_cast<unsigned>(n->devices.size()));
}

std::string show_snmp6(const std::string& dev) {
  return fmt::format("ifIndex                         \t{}\nIp6InReceives                   \t0\n"
                     "Ip6OutRequests                  \t0\n",
                     dev == "lo" ? 1 : 2);
}

}  // namespace

void proc_net_ns_init(Kernel& k, net* n) {
  KFRAME(proc_net_ns_init);
  // Before network namespaces /proc/net is an ordinary entry of /proc.
  proc_dir_entry* parent = k.prof().has_netns ? nullptr : k.proc_root;
  proc_dir_entry* pn = proc_mkdir(k, parent, "net", n);
  n->proc_net = pn;
  proc_create_file(k, pn, "dev", show_dev);
  proc_create_file(k, pn, "route", show_route);
  proc_create_file(k, pn, "snmp", [](Kernel&, net*) {
    return show_fixed("Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 0\nTcp: RtoAlgorithm RtoMin\nTcp: 1 200\n");
  });
  proc_create_file(k, pn, "sockstat", show_sockstat);
  proc_create_file(k, pn, "tcp", [](Kernel&, net*) {
    return show_fixed("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
  });
  proc_create_file(k, pn, "udp", [](Kernel&, net*) {
    return show_fixed("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
  });
  proc_create_file(k, pn, "unix", [](Kernel&, net*) { return show_fixed("Num       RefCount Protocol Flags    Type St Inode Path\n"); });
  proc_create_file(k, pn, "netlink", [](Kernel&, net*) {
    return show_fixed("sk       Eth Pid    Groups   Rmem     Wmem     Dump     Locks     Drops     Inode\n");
  });
  proc_create_file(k, pn, "protocols", [](Kernel&, net*) {
    return show_fixed("protocol  size sockets  memory press maxhdr  slab module     cl co di ac io in de sh ss gs se re sp bi br ha uh gp em\n"
                      "UNIX       704      0      -1   NI       0   yes  kernel      n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n\n");
  });
  proc_dir_entry* stat = proc_mkdir(k, pn, "stat");
  n->proc_net_stat = stat;
  proc_create_file(k, stat, "arp_cache", [](Kernel&, net* nn) { return show_stat_cache("arp_cache", nn); });
  proc_create_file(k, stat, "rt_cache", [](Kernel&, net* nn) { return show_stat_cache("rt_cache", nn); });
  proc_create_file(k, stat, "ndisc_cache", [](Kernel&, net* nn) { return show_stat_cache("ndisc_cache", nn); });
  proc_dir_entry* nf = proc_mkdir(k, pn, "netfilter");
  proc_create_file(k, nf, "nf_log", [](Kernel&, net*) { return show_fixed(" 0 NONE ()\n 1 NONE ()\n 2 NONE ()\n"); });
  proc_dir_entry* snmp6 = proc_mkdir(k, pn, "dev_snmp6");
  for (const auto& dev : n->devices)
    proc_create_file(k, snmp6, dev, [dev](Kernel&, net*) { return show_snmp6(dev); });
  if (k.prof().proc_net_symlink) {
    proc_dir_entry* dir = proc_mkdir(k, nullptr, fmt::format("netns-{}", n->proc_inum), n);
    dir->subdir["net"] = pn;
    pn->parent = dir;
    n->proc_netns_dir = dir;
  }
}

dentry* proc_net_netns_lookup(inode* dir, dentry* d) {
  KFRAME(proc_net_netns_lookup);
  Kernel& k = *dir->i_sb->kernel;
  for (net* n : k.net_namespaces) {
    if (n->proc_netns_dir && n->proc_netns_dir->name == d->d_name) {
      d_add(d, proc_get_inode(dir->i_sb, n->proc_netns_dir));
      return nullptr;
    }
  }
  return ERR_PTR<dentry>(-ENOENT);
}

int proc_netns_readdir(file* f, dir_context* ctx, loff_t first) {
  Kernel& k = *f->f_inode->i_sb->kernel;
  loff_t n = first;
  for (net* ns : k.net_namespaces) {
    if (n++ < ctx->pos) continue;
    if (!ctx->actor(ctx, ns->proc_netns_dir->name, n, ns->proc_netns_dir->low_ino, DT_DIR)) return 0;
    ctx->pos = n;
  }
  return 0;
}

}  // namespace sk
