// A typed object cache (mm/slab.c's kmem_cache): objects of one type are
// carved from chunks and freed objects are reused, so the hot paths (a
// dentry per lookup miss, a file per open, a task per fork) cost no malloc
// and a long run's memory stays what its live objects need. The cache owns
// what is still live when it goes away (the kernel's teardown).
//
// Under AddressSanitizer every object is its own heap block and a freed one
// is never reused, so a use after free is reported where it happens.
#pragma once
#include <cstddef>
#include <new>
#include <unordered_set>
#include <utility>
#include <vector>

#if defined(SIMTRINITY_ASAN) || defined(__SANITIZE_ADDRESS__)
#define SK_KMEM_PLAIN 1
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SK_KMEM_PLAIN 1
#endif
#endif

namespace sk {

template <class T>
class kmem_cache {
 public:
  kmem_cache() = default;
  kmem_cache(const kmem_cache&) = delete;
  kmem_cache& operator=(const kmem_cache&) = delete;
  ~kmem_cache() { destroy_all(); }

  template <class... Args>
  T* alloc(Args&&... args) {
    live_++;
#ifdef SK_KMEM_PLAIN
    T* o = new T(std::forward<Args>(args)...);
    objects_.insert(o);
    return o;
#else
    if (!free_) grow();
    slot* s = free_;
    free_ = s->next_free;
    s->live = true;
    return ::new (static_cast<void*>(s->mem)) T(std::forward<Args>(args)...);
#endif
  }

  void free(T* o) {
    live_--;
#ifdef SK_KMEM_PLAIN
    objects_.erase(o);
    delete o;
#else
    o->~T();
    slot* s = reinterpret_cast<slot*>(reinterpret_cast<unsigned char*>(o) - offsetof(slot, mem));
    s->live = false;
    s->next_free = free_;
    free_ = s;
#endif
  }

  size_t live() const { return live_; }

  // Frees every live object (their destructors must not reach into this cache).
  void destroy_all() {
#ifdef SK_KMEM_PLAIN
    for (T* o : objects_) delete o;
    objects_.clear();
#else
    for (void* c : chunks_) {
      auto* slots = static_cast<slot*>(c);
      for (size_t i = 0; i < kChunk; i++)
        if (slots[i].live) reinterpret_cast<T*>(slots[i].mem)->~T();
      ::operator delete(c);
    }
    chunks_.clear();
    free_ = nullptr;
#endif
    live_ = 0;
  }

 private:
  static constexpr size_t kChunk = 64;
  struct slot {
    alignas(T) unsigned char mem[sizeof(T)];
    slot* next_free;
    bool live;
  };
#ifdef SK_KMEM_PLAIN
  std::unordered_set<T*> objects_;  // only deleted, never iterated for output
#else
  void grow() {
    auto* slots = static_cast<slot*>(::operator new(sizeof(slot) * kChunk));
    chunks_.push_back(slots);
    for (size_t i = kChunk; i-- > 0;) {
      slots[i].live = false;
      slots[i].next_free = free_;
      free_ = &slots[i];
    }
  }
  std::vector<void*> chunks_;
  slot* free_ = nullptr;
#endif
  size_t live_ = 0;
};

}  // namespace sk
