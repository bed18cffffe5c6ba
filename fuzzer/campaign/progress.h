// The campaign's progress line on standard error (never on standard output,
// which stays a function of the options and seed): rewritten in place on a
// terminal, one line per interval otherwise.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace simtrinity {

struct ProgressCounts {
  uint64_t runs = 0, syscalls = 0, findings = 0, unique = 0;
};

class Progress {
 public:
  Progress(bool quiet, double interval_secs);
  double elapsed() const;
  // Prints the line if its interval has passed.
  void tick(const ProgressCounts& c);
  // Before standard output gets a finding: clears an in-place line.
  void clear();
  // The last line (on a terminal; off one, ticks said it already).
  void finish(const ProgressCounts& c);

 private:
  std::string line(const ProgressCounts& c) const;

  const bool quiet_, tty_;
  const double interval_;
  const std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
  double last_ = 0;
};

}  // namespace simtrinity
