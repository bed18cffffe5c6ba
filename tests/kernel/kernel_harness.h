// Test helpers: boot a kernel and run code as a simulated task.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "simkernel/kernel.h"

namespace sktest {

inline std::unique_ptr<sk::Kernel> boot(const std::string& profile, bool watchdog = false, uint64_t seed = 1) {
  sk::KernelOptions o;
  o.profile = profile;
  o.seed = seed;
  o.watchdog = watchdog;
  return std::make_unique<sk::Kernel>(std::move(o));
}

// Runs `fn` in a new task "comm" until it returns (or the run ends).
inline sk::run_end run_task(sk::Kernel& k, std::function<void(sk::Kernel&)> fn, const std::string& comm = "test") {
  k.spawn(comm, [&k, fn] { fn(k); });
  return k.run();
}

// The result of one syscall made by a fresh task.
inline long call(sk::Kernel& k, std::function<long(sk::Kernel&)> fn) {
  long r = 0;
  run_task(k, [&](sk::Kernel& kk) { r = fn(kk); });
  return r;
}

}  // namespace sktest
