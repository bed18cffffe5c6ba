// What every sleeping lock has in common: its lockdep map, its simulated
// address, and who holds it (for the wait-for graph and the lock dumps).
#pragma once
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
  // FIFO: handoff order is deterministic. A vector, not a deque: queues are
  // a few tasks long, and an empty vector costs no allocation (libstdc++'s
  // deque allocates 576 bytes up front, for every inode's i_mutex).
  std::vector<task_struct*> waiters;
  // A frozen superblock keeps sb_writers write-locked with no owner task.
  bool write_locked_ownerless = false;

  explicit lock_base(lock_kind k) : kind(k) {}
  // Tasks this lock's waiters wait for.
  std::vector<task_struct*> holders() const;
};

}  // namespace sk
