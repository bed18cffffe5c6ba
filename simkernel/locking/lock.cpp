// The sleeping-lock core shared by mutex, rw_semaphore and sb_writers:
// lockdep bookkeeping, blocking (mark D, yield to the scheduler) and FIFO
// handoff on release.
#include "simkernel/locking/lock.h"

#include <algorithm>

#include "simkernel/debug/kframe.h"
#include "simkernel/kernel.h"
#include "simkernel/locking/lock_core.h"

namespace sk {

std::vector<task_struct*> lock_base::holders() const {
  std::vector<task_struct*> h;
  if (owner) h.push_back(owner);
  for (auto* r : readers) h.push_back(r);
  return h;
}

namespace {
bool can_grant(const lock_base& l, bool read) {
  if (l.owner || l.write_locked_ownerless) return false;
  return read || l.readers.empty();
}
void grant(lock_base& l, task_struct* t, bool read) {
  if (read)
    l.readers.push_back(t);
  else
    l.owner = t;
}
}  // namespace

void lock_init(lock_base* l, lock_class_key* key, kaddr_t addr) {
  lockdep_set_class(&l->dep_map, key);
  l->addr = addr;
}

bool lock_acquire_common(lock_base* l, unsigned subclass, bool read, call_site cs, bool trylock) {
  task_struct* t = current_task();
  Kernel& k = *t->kernel;
  if (k.dying()) {
    grant(*l, t, read);
    return true;
  }
  if (trylock && !(l->waiters.empty() && can_grant(*l, read))) return false;
  k.lockdep().acquire(*t, *l, subclass, read, cs.sym, cs.off);
  k.sched_point();
  if (l->waiters.empty() && can_grant(*l, read)) {
    grant(*l, t, read);
  } else {
    l->waiters.push_back(t);
    t->blocked_on = l;
    t->blocked_read = read;
    t->blocked_since = k.now_ns();
    t->state = task_state::uninterruptible;
    for (auto* o : k.observers()) o->task_blocked(*t);
    k.schedule();  // returns once the lock was handed to us
  }
  k.lockdep().acquired(*t, *l);
  return true;
}

void lock_release_common(lock_base* l, bool read, call_site cs) {
  task_struct* t = current_task();
  Kernel& k = *t->kernel;
  bool holds = read ? std::find(l->readers.begin(), l->readers.end(), t) != l->readers.end() : l->owner == t;
  if (k.dying()) {
    if (!holds) return;
  } else {
    k.lockdep().release(*t, *l, cs.sym, cs.off);
    if (!holds) return;  // lockdep reported the bad unlock; the lock stays as it is
  }
  if (read)
    l->readers.erase(std::find(l->readers.begin(), l->readers.end(), t));
  else
    l->owner = nullptr;
  lock_handoff(l);
  if (!k.dying()) k.sched_point();
}

void lock_handoff(lock_base* l) {
  while (!l->waiters.empty()) {
    task_struct* w = l->waiters.front();
    if (!can_grant(*l, w->blocked_read)) break;
    l->waiters.erase(l->waiters.begin());
    grant(*l, w, w->blocked_read);
    w->blocked_on = nullptr;
    w->kernel->wake_up_process(w);
    if (!w->blocked_read) break;
  }
}

}  // namespace sk
