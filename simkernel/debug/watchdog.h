// The watchdog: generic detectors over the simulated kernel's tasks and locks.
// None of them knows about /proc or any particular bug. Linux's own live where
// Linux keeps them; simtrinity's own in this directory:
//  1. wait-for graph: a cycle among tasks blocked on locks (including a task
//     blocked on a lock instance it holds), reported the moment it forms
//     (wait_for_graph.h);
//  2. no runnable task: every task blocked (all_blocked.h);
//  3. hung task: khungtaskd in virtual time (kernel/hung_task.h);
//  4. lockdep's predictive validator: recursive, circular, bad unlock, lock
//     held when returning to user space, one instance under two subclasses
//     (locking/lockdep_validator.h);
//  5. VFS invariants: a directory inode with several dentries (vfs_invariants.h).
// Warnings are reported and the run goes on; deadlocks and hung tasks end it.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "simkernel/debug/report.h"
#include "simkernel/kernel.h"
#include "simkernel/locking/lockdep.h"

namespace sk {

// WatchdogOptions is declared in kernel.h (KernelOptions carries it);
// its `style` is one of these.
enum class lock_dump_style { seed = 0, v3x = 1, modern = 2 };

class Watchdog : public KernelObserver, public LockObserver {
 public:
  Watchdog(Kernel& k, WatchdogOptions opts);
  ~Watchdog() override;
  WatchdogOptions& options() { return opts_; }
  // Spawns khungtaskd; called by the kernel at the end of boot.
  void start();
  // debug_show_all_locks() in the configured style.
  std::string show_all_locks() const;

  // KernelObserver
  void task_blocked(task_struct& t) override;
  void no_runnable_task() override;
  void return_to_user(task_struct& t) override;
  void dentry_alias(inode& i, dentry& existing, dentry& added) override;
  void task_exit(task_struct& t) override;
  // LockObserver
  void lock_acquire(task_struct& t, const held_lock& hl) override;
  void lock_release(task_struct& t, const held_lock& hl) override;
  void bad_unlock(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off) override;

 private:
  struct Impl;
  Kernel& k_;
  WatchdogOptions opts_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sk
