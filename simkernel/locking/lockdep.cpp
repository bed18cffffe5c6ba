#include "simkernel/locking/lockdep.h"

#include <fmt/format.h>

#include "simkernel/kernel/task.h"
#include "simkernel/locking/lock.h"

namespace sk {

std::string lock_class::usage_str(int states) const {
  std::string s = "{";
  for (int i = 0; i < states; i++) {
    s += (usage & LOCK_USED_WRITE) ? '+' : '.';
    s += (usage & LOCK_USED_READ) ? '+' : '.';
  }
  return s + "}";
}

lock_class* Lockdep::register_class(lock_class_key* key, unsigned subclass) {
  if (key->id < 0) key->id = next_key_id_++;
  auto it = by_key_.find({key->id, subclass});
  if (it != by_key_.end()) return it->second;
  // count_matching_names(): the same key keeps its version across
  // subclasses; another key with the same name gets the next one.
  int version = 0;
  for (const auto& c : classes_)
    if (c->key == key) {
      version = c->name_version;
      break;
    }
  if (!version) {
    for (const auto& c : classes_)
      if (c->base == key->name) version = std::max(version, c->name_version);
    version++;
  }
  auto c = std::make_unique<lock_class>();
  c->id = static_cast<int>(classes_.size());
  c->key = key;
  c->base = key->name;
  c->name_version = version;
  c->subclass = subclass;
  c->name = c->base;
  if (version > 1) c->name += fmt::format("#{}", version);
  if (subclass) c->name += fmt::format("/{}", subclass);
  lock_class* raw = c.get();
  classes_.push_back(std::move(c));
  by_key_[{key->id, subclass}] = raw;
  return raw;
}

held_lock& Lockdep::acquire(task_struct& t, lock_base& lock, unsigned subclass, bool read, int ip_sym,
                            uint32_t ip_off) {
  lockdep_map& map = lock.dep_map;
  lock_class* cls = subclass < NR_LOCKDEP_CACHING_CLASSES ? map.class_cache[subclass] : nullptr;
  if (!cls) {
    cls = register_class(map.key, subclass);
    if (subclass < NR_LOCKDEP_CACHING_CLASSES) map.class_cache[subclass] = cls;
  }
  cls->usage |= read ? LOCK_USED_READ : LOCK_USED_WRITE;
  t.held_locks.push_back(held_lock{cls, &lock, lock.addr, ip_sym, ip_off, read, true});
  for (auto* o : observers_) o->lock_acquire(t, t.held_locks.back());
  return t.held_locks.back();
}

void Lockdep::acquired(task_struct& t, lock_base& lock) {
  for (auto it = t.held_locks.rbegin(); it != t.held_locks.rend(); ++it) {
    if (it->lock == &lock && it->blocked) {
      it->blocked = false;
      return;
    }
  }
}

void Lockdep::release(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off) {
  for (auto it = t.held_locks.rbegin(); it != t.held_locks.rend(); ++it) {
    if (it->lock == &lock) {
      held_lock hl = *it;
      t.held_locks.erase(std::next(it).base());
      for (auto* o : observers_) o->lock_release(t, hl);
      return;
    }
  }
  for (auto* o : observers_) o->bad_unlock(t, lock, ip_sym, ip_off);
}

}  // namespace sk
