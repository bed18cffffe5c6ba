// The watchdog: routes kernel and lock events to the detectors in this
// directory (one concept per file) and hands their reports to the kernel.
#include "simkernel/debug/watchdog.h"

#include "simkernel/debug/all_blocked.h"
#include "simkernel/debug/lock_dump.h"
#include "simkernel/debug/vfs_invariants.h"
#include "simkernel/debug/wait_for_graph.h"
#include "simkernel/kernel/hung_task.h"
#include "simkernel/locking/lockdep_validator.h"

namespace sk {

struct Watchdog::Impl {
  Impl(Kernel& k, const WatchdogOptions& o) : hung(k, o), lockdep(k, o), vfs(k, o) {}
  HungTaskDetector hung;
  LockdepValidator lockdep;
  debug::VfsInvariants vfs;
  bool deadlock_reported = false;  // detector 1 fired: detector 2 stays quiet
  bool all_blocked_reported = false;
};

Watchdog::Watchdog(Kernel& k, WatchdogOptions opts)
    : k_(k), opts_(opts), impl_(std::make_unique<Impl>(k, opts_)) {}

Watchdog::~Watchdog() = default;

void Watchdog::start() {
  if (!opts_.hung_task || !opts_.hung_task_timeout_secs) return;
  k_.spawn_kthread("khungtaskd", [this] { impl_->hung.khungtaskd(); });
}

std::string Watchdog::show_all_locks() const {
  return debug::show_all_locks(k_, static_cast<lock_dump_style>(opts_.style));
}

void Watchdog::task_blocked(task_struct& t) {
  if (!opts_.wait_for_graph || k_.dying()) return;
  auto cycle = debug::find_wait_cycle(t);
  if (cycle.empty()) return;
  impl_->deadlock_reported = true;
  k_.report(debug::deadlock_report(k_, cycle, static_cast<lock_dump_style>(opts_.style)));
}

void Watchdog::no_runnable_task() {
  if (!opts_.no_runnable || k_.dying() || impl_->deadlock_reported || impl_->all_blocked_reported) return;
  auto blocked = debug::all_user_tasks_blocked(k_);
  if (blocked.empty()) return;
  impl_->all_blocked_reported = true;
  k_.report(debug::all_blocked_report(k_, blocked, static_cast<lock_dump_style>(opts_.style)));
}

void Watchdog::return_to_user(task_struct& t) { impl_->lockdep.lockdep_sys_exit(t); }

void Watchdog::dentry_alias(inode& i, dentry& existing, dentry& added) { impl_->vfs.dentry_alias(i, existing, added); }

void Watchdog::task_exit(task_struct& t) {}

void Watchdog::lock_acquire(task_struct& t, const held_lock& hl) { impl_->lockdep.validate_chain(t, hl); }

void Watchdog::lock_release(task_struct& t, const held_lock& hl) {}

void Watchdog::bad_unlock(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off) {
  impl_->lockdep.print_unlock_imbalance_bug(t, lock, ip_sym, ip_off);
}

}  // namespace sk
