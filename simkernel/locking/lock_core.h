// Internal to locking/: the shared acquire/release paths.
#pragma once
#include "simkernel/debug/kframe.h"
#include "simkernel/locking/lock.h"

namespace sk {

void lock_init(lock_base* l, lock_class_key* key, kaddr_t addr);
// Returns false only for a failed trylock.
// `cs` is the caller's acquire/release site (site_of_caller() before the
// primitive pushed its own frame).
bool lock_acquire_common(lock_base* l, unsigned subclass, bool read, call_site cs, bool trylock = false);
void lock_release_common(lock_base* l, bool read, call_site cs);
// Grants the lock to the waiters at the head of the queue that can have it.
void lock_handoff(lock_base* l);

}  // namespace sk
