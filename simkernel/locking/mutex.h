// struct mutex with lockdep, after kernel/mutex.c. Owners hand off to the
// first waiter on unlock (FIFO), so wakeups are deterministic.
//
// Lock order: a mutex is a sleeping lock; take it only from task context.
#pragma once
#include "simkernel/locking/lock.h"

namespace sk {

struct mutex : lock_base {
  mutex() : lock_base(lock_kind::mutex) {}
};

void mutex_init(mutex* m, lock_class_key* key, kaddr_t addr);
void mutex_lock_nested(mutex* m, unsigned subclass, int line = __builtin_LINE());
inline void mutex_lock(mutex* m, int line = __builtin_LINE()) { mutex_lock_nested(m, 0, line); }
void mutex_unlock(mutex* m, int line = __builtin_LINE());

}  // namespace sk
