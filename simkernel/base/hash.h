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

}  // namespace sk
