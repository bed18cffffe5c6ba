#include "simkernel/locking/mutex.h"

#include "simkernel/debug/kframe.h"
#include "simkernel/locking/lock_core.h"

namespace sk {

void mutex_init(mutex* m, lock_class_key* key, kaddr_t addr) { lock_init(m, key, addr); }

void mutex_lock_nested(mutex* m, unsigned subclass, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(mutex_lock_nested);
  lock_acquire_common(m, subclass, false, cs);
}

void mutex_unlock(mutex* m, int line) {
  call_site cs = site_of_caller(line);
  KFRAME_AT_SITE(mutex_unlock);
  lock_release_common(m, false, cs);
}


}  // namespace sk
