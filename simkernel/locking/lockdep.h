// Lock classes and held-lock stacks, after kernel/locking/lockdep.c.
//
// A lock_class_key stands for a static key in Linux (&type->i_mutex_dir_key,
// &type->s_vfs_rename_key, the sb_writers keys ...). A class is (key,
// subclass) and is registered at its first acquisition, as lockdep does; its
// name gets "#N" when another key already registered a class of the same name,
// and "/S" for a nonzero subclass. Every acquisition is pushed on the task's
// held-lock stack when it *starts* (before sleeping), so a blocked task's last
// entry is the lock it waits for, exactly what debug_show_all_locks() shows.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "simkernel/base/kaddr.h"

namespace sk {

struct task_struct;
struct lock_base;
class Kernel;

struct lock_class_key {
  const char* name;  // the stringified key, e.g. "&type->i_mutex_dir_key"
  int id = -1;       // assigned by lockdep at first use (deterministic order)
};

// Usage bits, one per state and direction as lockdep prints them.
enum : uint8_t { LOCK_USED_WRITE = 1, LOCK_USED_READ = 2 };

struct lock_class {
  int id;
  const lock_class_key* key;
  std::string name;   // as printed: "&type->i_mutex_dir_key#2/1"
  std::string base;   // without #N and /S: "&type->i_mutex_dir_key"
  int name_version;   // the N of "#N"
  unsigned subclass;  // the S of "/S"
  uint8_t usage = 0;  // LOCK_USED_*
  // "{+.+.+.}": 2.6.30..4.13 style, three states (hardirq, softirq,
  // reclaim_fs) × (write, read). Every simulated acquisition happens in
  // process context with interrupts enabled, so each used direction is '+'.
  std::string usage_str(int states = 3) const;
};

// Lockdep's view of one lock instance (struct lockdep_map). Like Linux's,
// it caches the classes of its first subclasses, so an acquisition looks
// its class up once per instance, not every time.
inline constexpr unsigned NR_LOCKDEP_CACHING_CLASSES = 2;
struct lockdep_map {
  lock_class_key* key = nullptr;
  lock_class* class_cache[NR_LOCKDEP_CACHING_CLASSES] = {};
};

// lockdep_set_class(): `map` belongs to `key` from now on (its cache is
// another key's classes).
inline void lockdep_set_class(lockdep_map* map, lock_class_key* key) {
  map->key = key;
  for (auto& c : map->class_cache) c = nullptr;
}

// One entry of a task's held-lock stack.
struct held_lock {
  lock_class* cls;
  lock_base* lock;      // the instance, for the wait-for graph
  kaddr_t instance;     // its simulated address
  int ip_sym;           // acquire site: kallsyms index + offset
  uint32_t ip_off;
  bool read;
  bool blocked;         // acquisition started, not yet granted
};

// Something that watches every lock event: the watchdog plugs in here.
class LockObserver {
 public:
  virtual ~LockObserver() = default;
  // Before the task may sleep on it: the acquisition is already on its stack.
  virtual void lock_acquire(task_struct& t, const held_lock& hl) {}
  virtual void lock_release(task_struct& t, const held_lock& hl) {}
  // An unlock of something the task does not hold.
  virtual void bad_unlock(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off) {}
};

class Lockdep {
 public:
  lock_class* register_class(lock_class_key* key, unsigned subclass);
  const std::vector<std::unique_ptr<lock_class>>& classes() const { return classes_; }

  // Hooks called by the lock primitives.
  held_lock& acquire(task_struct& t, lock_base& lock, unsigned subclass, bool read, int ip_sym, uint32_t ip_off);
  void acquired(task_struct& t, lock_base& lock);
  void release(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off);

  void add_observer(LockObserver* o) { observers_.push_back(o); }

 private:
  int next_key_id_ = 0;
  std::map<std::pair<int, unsigned>, lock_class*> by_key_;
  std::vector<std::unique_ptr<lock_class>> classes_;
  std::vector<LockObserver*> observers_;
};

}  // namespace sk
