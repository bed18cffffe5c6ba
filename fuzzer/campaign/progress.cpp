#include "fuzzer/campaign/progress.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace simtrinity {

namespace {
constexpr double kTtyInterval = 0.25;  // seconds between in-place updates

std::string human(double v) {
  if (v >= 1e6) return fmt::format("{:.2f}M", v / 1e6);
  if (v >= 1e3) return fmt::format("{:.1f}k", v / 1e3);
  return fmt::format("{:.0f}", v);
}
}  // namespace

Progress::Progress(bool quiet, double interval_secs)
    : quiet_(quiet), tty_(isatty(STDERR_FILENO)), interval_(tty_ ? kTtyInterval : interval_secs) {}

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
}

std::string Progress::line(const ProgressCounts& c) const {
  double e = elapsed();
  return fmt::format("runs {}, syscalls {}, {} syscalls/s, findings {}, unique {}, elapsed {:.1f}s", c.runs,
                     c.syscalls, human(e > 0 ? c.syscalls / e : 0), c.findings, c.unique, e);
}

void Progress::tick(const ProgressCounts& c) {
  if (quiet_) return;
  double e = elapsed();
  if (e - last_ < interval_) return;
  last_ = e;
  if (tty_)
    std::fprintf(stderr, "\r\033[K%s", line(c).c_str());
  else
    std::fprintf(stderr, "%s\n", line(c).c_str());
  std::fflush(stderr);
}

void Progress::clear() {
  if (quiet_ || !tty_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

void Progress::finish(const ProgressCounts& c) {
  if (quiet_ || !tty_) return;
  std::fprintf(stderr, "\r\033[K%s\n", line(c).c_str());
  std::fflush(stderr);
}

}  // namespace simtrinity
