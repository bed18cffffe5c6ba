// An intrusive chained hash table, the shape of Linux's hlist tables
// (dentry_hashtable, mount_hashtable): buckets of singly linked chains
// threaded through a `next` member of the objects, newest first, a power
// of two in size, doubled when the load passes one. Keys are 64-bit hashes
// the caller makes from deterministic values (simulated addresses, names),
// and nothing iterates the table, so its layout is never observable.
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "simkernel/base/hash.h"

namespace sk {

template <class T>
struct hash_table {
  std::vector<T*> buckets;
  size_t count = 0;

  T*& head(uint64_t key) {
    return buckets[hash_64(key, static_cast<unsigned>(std::countr_zero(buckets.size())))];
  }
  // The first object of `key`'s chain (then follow Next), or null.
  T* first(uint64_t key) { return buckets.empty() ? nullptr : head(key); }

  // `key_of(obj)` gives an object's key again when the table grows.
  template <T* T::*Next, class KeyOf>
  void insert(T* obj, uint64_t key, KeyOf key_of) {
    if (count >= buckets.size()) {
      std::vector<T*> old = std::move(buckets);
      buckets.assign(old.empty() ? size_t{1024} : old.size() * 2, nullptr);
      for (T* chain : old)
        while (T* o = chain) {
          chain = o->*Next;
          T*& b = head(key_of(o));
          o->*Next = b;
          b = o;
        }
    }
    T*& b = head(key);
    obj->*Next = b;
    b = obj;
    count++;
  }

  template <T* T::*Next>
  bool remove(T* obj, uint64_t key) {
    if (buckets.empty()) return false;
    for (T** p = &head(key); *p; p = &((*p)->*Next))
      if (*p == obj) {
        *p = obj->*Next;
        obj->*Next = nullptr;
        count--;
        return true;
      }
    return false;
  }
};

}  // namespace sk
