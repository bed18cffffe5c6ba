// lockdep's predictive validator, as kernel/locking/lockdep.c (3.x) has it,
// on the classes lockdep.h registers. validate_chain() on every acquisition:
//  - check_deadlock(): the class is already held, print_deadlock_bug()
//    ("possible recursive locking detected"; read after read is let through);
//  - beyond Linux: the *instance* is already held under another class (a
//    different subclass), which lockdep cannot see: print_same_instance_bug();
//  - check_prev_add(): a dependency from the most recent held class to the
//    new one; when check_noncircular() finds the new one already leads back
//    to it, print_circular_bug() with the chain (each dependency keeps the
//    stack trace saved when it was first added).
// Plus print_unlock_imbalance_bug() ("bad unlock balance detected!") and
// lockdep_sys_exit() ("lock held when returning to user space!"). Splats are
// warnings; each distinct one is printed once. The watchdog routes the events.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "simkernel/debug/report.h"
#include "simkernel/debug/stack_trace.h"
#include "simkernel/debug/watchdog.h"
#include "simkernel/locking/lock.h"

namespace sk {

class LockdepValidator {
 public:
  LockdepValidator(Kernel& k, const WatchdogOptions& opts) : k_(k), opts_(opts) {}
  // `next` is the newest entry of t.held_locks (the acquisition starting).
  void validate_chain(task_struct& t, const held_lock& next);
  // An unlock of a lock the task does not hold (lock_release() finding no entry).
  void print_unlock_imbalance_bug(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off);
  // On the way back to user space: any lock still held is a bug.
  void lockdep_sys_exit(task_struct& t);

 private:
  struct dep {
    int to;                           // class id taken while `from` was held
    bool reported = false;            // closing a cycle: printed, never followed
    std::vector<debug::trace_frame> trace;   // save_trace() when first added
  };
  struct class_info {
    std::vector<dep> after;
    lock_kind kind = lock_kind::mutex;
  };

  lock_dump_style style() const { return static_cast<lock_dump_style>(opts_.style); }
  bool old_headers() const { return style() != lock_dump_style::modern; }
  class_info& info(const lock_class& c);
  // Breadth-first, as lockdep's check_noncircular(): the path of class ids
  // from `from` to `to` (both included), or empty.
  std::vector<int> check_noncircular(int from, int to) const;
  const dep* find_dep(int from, int to) const;
  bool once(const std::string& key) { return reported_.insert(key).second; }

  // True when it reported (the acquisition goes no further).
  bool check_deadlock(task_struct& t, const held_lock& next);
  void check_prev_add(task_struct& t, const held_lock& prev, const held_lock& next);
  void print_deadlock_bug(task_struct& t, const held_lock& prev, const held_lock& next);
  void print_same_instance_bug(task_struct& t, const held_lock& prev, const held_lock& next);
  void print_circular_bug(task_struct& t, const held_lock& prev, const held_lock& next, const std::vector<int>& path);

  Kernel& k_;
  const WatchdogOptions& opts_;
  std::vector<class_info> classes_;  // by lock_class::id
  std::set<std::string> reported_;
};

}  // namespace sk
