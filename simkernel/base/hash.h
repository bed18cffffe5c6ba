// FNV-1a, 64-bit: the one stable hash of simtrinity (bucket and finding ids,
// memo keys, the kernel's trace hash). std::hash differs between standard
// libraries and may change between releases; ids written to disk must not.
#pragma once
#include <cstdint>
#include <string_view>

namespace sk {

inline constexpr uint64_t kFnv1aBasis = 0xcbf29ce484222325ULL;
inline constexpr uint64_t kFnv1aPrime = 0x100000001b3ULL;

inline uint64_t fnv1a_mix(uint64_t h, unsigned char byte) { return (h ^ byte) * kFnv1aPrime; }

inline uint64_t fnv1a(std::string_view s, uint64_t h = kFnv1aBasis) {
  for (unsigned char c : s) h = fnv1a_mix(h, c);
  return h;
}

// Linux's hash_64(): a key's bucket in a table of 2^bits (multiplicative
// hashing by the golden ratio; bits > 0).
inline uint64_t hash_64(uint64_t key, unsigned bits) { return (key * 0x61c8864680b583ebULL) >> (64 - bits); }

}  // namespace sk
