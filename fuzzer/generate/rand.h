// Where argument generation gets its choices from: the seeded PRNG in
// campaigns, or the input bytes in the libFuzzer target. The same ArgGen code
// runs on either, so a libFuzzer input decodes to calls `run` could make.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

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

// A campaign child's choices: its own seeded PRNG.
class PrngRand final : public Rand {
 public:
  explicit PrngRand(uint64_t seed) : p_(seed) {}
  uint64_t below(uint64_t n) override { return p_.below(n); }

 private:
  sk::Prng p_;
};

// Every choice the children of a run made, in the order they made them (all
// children together, as the scheduler interleaved them): what a libFuzzer
// input needs to make the same calls (prog/fuzz_input.h).
struct Draw {
  enum class Kind : uint8_t { below, literal_query };
  Kind kind = Kind::below;
  uint64_t n = 0, v = 0;  // below(n) gave v
};
using DrawLog = std::vector<Draw>;

// Passes choices through from `inner` and writes them into `log`.
class LoggedRand final : public Rand {
 public:
  LoggedRand(Rand& inner, DrawLog& log) : inner_(inner), log_(log) {}
  uint64_t below(uint64_t n) override {
    uint64_t v = inner_.below(n);
    if (n > 1) log_.push_back({Draw::Kind::below, n, v});
    return v;
  }
  bool literal(std::string& out) override {
    log_.push_back({Draw::Kind::literal_query, 0, 0});
    return inner_.literal(out);
  }
  bool exhausted() const override { return inner_.exhausted(); }

 private:
  Rand& inner_;
  DrawLog& log_;
};

}  // namespace simtrinity
