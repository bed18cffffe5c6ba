// The Kernel object: construction, boot, reports and teardown.
#include "simkernel/kernel.h"

#include <stdexcept>

#include "simkernel/debug/watchdog.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/net/net_namespace.h"
#include "simkernel/sched/fiber.h"

namespace sk {

namespace {
size_t default_stack_size() {
#if defined(SIMTRINITY_ASAN) || defined(__SANITIZE_ADDRESS__)
  return 1 << 20;  // ASan's redzones and fake frames need room
#else
  return 256 << 10;
#endif
}
}  // namespace

Kernel::Kernel(KernelOptions opts)
    : profile_(find_profile(opts.profile)),
      policy_(std::move(opts.policy)),
      hz_(opts.hz),
      stack_size_(opts.stack_size ? opts.stack_size : default_stack_size()),
      max_tasks_(opts.max_tasks),
      victim_(opts.victim) {
  if (!profile_) throw std::invalid_argument("unknown kernel profile '" + opts.profile + "'");
  if (!policy_) policy_ = std::make_unique<RandomPolicy>(opts.seed);
  if (opts.watchdog) {
    watchdog_ = std::make_unique<Watchdog>(*this, opts.watchdog_opts);
    add_observer(watchdog_.get());
    lockdep_.add_observer(watchdog_.get());
  }
  boot();
}

Kernel::~Kernel() {
  teardown();
  // What holds references before what it references: files and fs_structs
  // (paths) before dentries, dentries before inodes, inodes before the
  // proc entries and pid entries; superblocks and mounts (the arena) last.
  task_struct_cachep.destroy_all();
  filp_cache.destroy_all();
  files_cachep.destroy_all();
  fs_cachep.destroy_all();
  nsproxy_cachep.destroy_all();
  dentry_cache.destroy_all();
  inode_cache.destroy_all();
  proc_pid_cache.destroy_all();
  pde_cache.destroy_all();
  net_cachep.destroy_all();
  for (auto it = arena_.rbegin(); it != arena_.rend(); ++it) it->del(it->p);
}

void Kernel::report(const Report& r) {
  reports_.push_back(r);
  uint64_t h = 0;
  for (char c : r.text) h = h * 131 + static_cast<unsigned char>(c);
  trace_mix(h);
  if (report_handler_) report_handler_(reports_.back());
  if (r.fatal) request_stop();
}

}  // namespace sk
