// What every sleeping lock has in common: its lockdep map, its simulated
// address, and who holds it (for the wait-for graph and the lock dumps).
#pragma once
#include <deque>
#include <vector>

#include "simkernel/locking/lockdep.h"

namespace sk {

enum class lock_kind : uint8_t { mutex, rw_semaphore, percpu_rw_semaphore };

struct lock_base {
  lock_kind kind;
  kaddr_t addr = 0;
  lockdep_map dep_map;
  task_struct* owner = nullptr;          // the writer / mutex owner
  std::vector<task_struct*> readers;     // read holders, in acquisition order
  std::deque<task_struct*> waiters;      // FIFO: handoff order is deterministic
  // A frozen superblock keeps sb_writers write-locked with no owner task.
  bool write_locked_ownerless = false;

  explicit lock_base(lock_kind k) : kind(k) {}
  // Tasks this lock's waiters wait for.
  std::vector<task_struct*> holders() const;
};

}  // namespace sk
