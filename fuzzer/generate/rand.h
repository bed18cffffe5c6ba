// Where argument generation gets its choices from: the seeded PRNG in
// campaigns, or the input bytes in the libFuzzer target. The same ArgGen code
// runs on either, so a libFuzzer input decodes to calls `run` could make.
#pragma once
#include <cstdint>
#include <string>

#include "simkernel/base/prng.h"

namespace simtrinity {

class Rand {
 public:
  virtual ~Rand() = default;
  // Uniform-ish in [0, n); 0 when n <= 1.
  virtual uint64_t below(uint64_t n) = 0;
  // True with probability num/den (Prng::chance's definition).
  bool chance(uint64_t num, uint64_t den) { return below(den) < num; }
  // A literal string supplied by the source (libFuzzer dictionary tokens);
  // the PRNG never supplies one.
  virtual bool literal(std::string& out) { return false; }
  // No choices left (a byte source at its end): the child stops.
  virtual bool exhausted() const { return false; }
};

class PrngRand final : public Rand {
 public:
  explicit PrngRand(sk::Prng& p) : p_(p) {}
  uint64_t below(uint64_t n) override { return p_.below(n); }

 private:
  sk::Prng& p_;
};

}  // namespace simtrinity
