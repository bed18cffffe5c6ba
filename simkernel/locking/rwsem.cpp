#include "simkernel/locking/rwsem.h"

#include "simkernel/kernel.h"
#include "simkernel/locking/lock_core.h"

namespace sk {

void init_rwsem(rw_semaphore* s, lock_class_key* key, kaddr_t addr) { lock_init(s, key, addr); }

void down_read_nested(rw_semaphore* s, unsigned subclass, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(down_read);
  lock_acquire_common(s, subclass, true, cs);
}

void down_write_nested(rw_semaphore* s, unsigned subclass, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(down_write);
  lock_acquire_common(s, subclass, false, cs);
}

void up_read(rw_semaphore* s, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(up_read);
  lock_release_common(s, true, cs);
}

void up_write(rw_semaphore* s, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(up_write);
  lock_release_common(s, false, cs);
}

void percpu_init_rwsem(percpu_rw_semaphore* s, lock_class_key* key, kaddr_t addr) { lock_init(s, key, addr); }

void percpu_down_read(percpu_rw_semaphore* s, int line) {
  call_site cs = site_of_caller(line);
  lock_acquire_common(s, 0, true, cs);
}

bool percpu_down_read_trylock(percpu_rw_semaphore* s, int line) {
  call_site cs = site_of_caller(line);
  return lock_acquire_common(s, 0, true, cs, true);
}

void percpu_up_read(percpu_rw_semaphore* s, int line) {
  call_site cs = site_of_caller(line);
  lock_release_common(s, true, cs);
}

void percpu_down_write(percpu_rw_semaphore* s, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(percpu_down_write);
  lock_acquire_common(s, 0, false, cs);
}

void percpu_up_write(percpu_rw_semaphore* s, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(percpu_up_write);
  lock_release_common(s, false, cs);
}

void percpu_rwsem_release_owner(percpu_rw_semaphore* s, int line) {
  task_struct* t = current_task();
  call_site cs = site_of_caller(line);
  t->kernel->lockdep().release(*t, *s, cs.sym, cs.off);
  s->owner = nullptr;
  s->write_locked_ownerless = true;
}

void percpu_rwsem_acquire_owner(percpu_rw_semaphore* s, int line) {
  task_struct* t = current_task();
  call_site cs = site_of_caller(line);
  t->kernel->lockdep().acquire(*t, *s, 0, false, cs.sym, cs.off);
  t->kernel->lockdep().acquired(*t, *s);
  s->write_locked_ownerless = false;
  s->owner = t;
}

}  // namespace sk
