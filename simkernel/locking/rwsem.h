// struct rw_semaphore, and percpu_rw_semaphore as used for sb_writers.
// Waiters queue FIFO; a writer waits for all readers, readers queue behind a
// waiting writer (no writer starvation), as kernel/rwsem.c does.
#pragma once
#include "simkernel/locking/lock.h"

namespace sk {

struct rw_semaphore : lock_base {
  rw_semaphore() : lock_base(lock_kind::rw_semaphore) {}
};

void init_rwsem(rw_semaphore* s, lock_class_key* key, kaddr_t addr);
void down_read_nested(rw_semaphore* s, unsigned subclass, int line = __builtin_LINE());
void down_write_nested(rw_semaphore* s, unsigned subclass, int line = __builtin_LINE());
inline void down_read(rw_semaphore* s, int line = __builtin_LINE()) { down_read_nested(s, 0, line); }
inline void down_write(rw_semaphore* s, int line = __builtin_LINE()) { down_write_nested(s, 0, line); }
void up_read(rw_semaphore* s, int line = __builtin_LINE());
void up_write(rw_semaphore* s, int line = __builtin_LINE());

// sb_writers: the read side is taken by every writer to the filesystem
// (sb_start_write, via mnt_want_write), the write side by freeze_super().
struct percpu_rw_semaphore : lock_base {
  percpu_rw_semaphore() : lock_base(lock_kind::percpu_rw_semaphore) {}
};
void percpu_init_rwsem(percpu_rw_semaphore* s, lock_class_key* key, kaddr_t addr);
void percpu_down_read(percpu_rw_semaphore* s, int line = __builtin_LINE());
bool percpu_down_read_trylock(percpu_rw_semaphore* s, int line = __builtin_LINE());
void percpu_up_read(percpu_rw_semaphore* s, int line = __builtin_LINE());
void percpu_down_write(percpu_rw_semaphore* s, int line = __builtin_LINE());
void percpu_up_write(percpu_rw_semaphore* s, int line = __builtin_LINE());
// freeze_super() keeps the write side across syscalls: lockdep forgets the
// owner (lockdep_sb_freeze_release) and thaw_super() takes it back.
void percpu_rwsem_release_owner(percpu_rw_semaphore* s, int line = __builtin_LINE());
void percpu_rwsem_acquire_owner(percpu_rw_semaphore* s, int line = __builtin_LINE());

}  // namespace sk
