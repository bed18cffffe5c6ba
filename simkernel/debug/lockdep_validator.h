// Detector 4: lockdep's predictive validator (kernel/lockdep.c, 3.x), on
// the classes the simulated Lockdep registers. On every acquisition:
//  - check_deadlock(): the class is already held ("possible recursive
//    locking detected"; read after read is let through);
//  - beyond Linux: the *instance* is already held under another class (a
//    different subclass), which lockdep cannot see;
//  - check_prevs_add(): a dependency from the most recent held class to the
//    new one; if the new one already leads back to it, "possible circular
//    locking dependency detected" with the chain (each dependency keeps the
//    stack trace saved when it was first added).
// Plus "bad unlock balance detected!" and "lock held when returning to user
// space!". Splats are warnings; each distinct one is printed once.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "simkernel/debug/report.h"
#include "simkernel/debug/stack_trace.h"
#include "simkernel/debug/watchdog.h"
#include "simkernel/locking/lock.h"

namespace sk::debug {

class LockdepValidator {
 public:
  LockdepValidator(Kernel& k, const WatchdogOptions& opts) : k_(k), opts_(opts) {}
  // `next` is the newest entry of t.held_locks (the acquisition starting).
  void acquire(task_struct& t, const held_lock& next);
  void bad_unlock(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off);
  void return_to_user(task_struct& t);

  // Dependencies recorded so far (class pairs), for tests and statistics.
  size_t dependency_count() const { return deps_; }

 private:
  struct dep {
    int to;                           // class id taken while `from` was held
    bool reported = false;            // closing a cycle: printed, never followed
    std::vector<trace_frame> trace;   // save_trace() when first added
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
  std::vector<int> find_path(int from, int to) const;
  const dep* find_dep(int from, int to) const;
  bool once(const std::string& key) { return reported_.insert(key).second; }

  void recursive_splat(task_struct& t, const held_lock& prev, const held_lock& next);
  void instance_splat(task_struct& t, const held_lock& prev, const held_lock& next);
  void circular_splat(task_struct& t, const held_lock& prev, const held_lock& next, const std::vector<int>& path);

  Kernel& k_;
  const WatchdogOptions& opts_;
  std::vector<class_info> classes_;  // by lock_class::id
  size_t deps_ = 0;
  std::set<std::string> reported_;
};

}  // namespace sk::debug
