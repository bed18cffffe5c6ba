// Deterministic simulated addresses. Objects get ffff88xxxxxxxxxx addresses
// from a bump allocator (never reused within a boot), so lock instances and
// task_structs print the same on every run of the same input.
#pragma once
#include <cstddef>
#include <cstdint>

namespace sk {

using kaddr_t = uint64_t;

class KaddrAllocator {
 public:
  explicit KaddrAllocator(kaddr_t base = 0xffff880100000000ULL) : next_(base) {}
  kaddr_t alloc(size_t size, size_t align = 64) {
    next_ = (next_ + align - 1) & ~static_cast<kaddr_t>(align - 1);
    kaddr_t a = next_;
    next_ += size ? size : 1;
    return a;
  }

 private:
  kaddr_t next_;
};

}  // namespace sk
