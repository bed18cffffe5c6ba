// Helpers for the watchdog tests: boot with chosen detectors, find reports,
// mask hex values for golden comparisons.
#pragma once
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "report/describe.h"
#include "simkernel/debug/kframe.h"
#include "simkernel/debug/watchdog.h"
#include "simkernel/kernel.h"
#include "simkernel/locking/mutex.h"
#include "simkernel/locking/rwsem.h"

namespace wdtest {

inline sk::WatchdogOptions all_on() { return sk::WatchdogOptions{}; }

inline std::unique_ptr<sk::Kernel> boot(const std::string& profile, sk::WatchdogOptions wo = all_on(), uint64_t seed = 1) {
  sk::KernelOptions o;
  o.profile = profile;
  o.seed = seed;
  o.watchdog = true;
  o.watchdog_opts = wo;
  return std::make_unique<sk::Kernel>(std::move(o));
}

// The kernel prints; report/ names what it printed, as it names any kernel's log.
inline std::string kind_of(const sk::Report& r) {
  return std::string(simtrinity::report::kind_name(simtrinity::report::describe(r).kind));
}
inline std::string title_of(const sk::Report& r) { return simtrinity::report::describe(r).title; }

inline const sk::Report* find_report(const sk::Kernel& k, const std::string& kind) {
  for (const auto& r : k.reports())
    if (kind_of(r) == kind) return &r;
  return nullptr;
}

inline size_t count_reports(const sk::Kernel& k, const std::string& kind) {
  size_t n = 0;
  for (const auto& r : k.reports()) n += kind_of(r) == kind;
  return n;
}

inline std::string kinds(const sk::Kernel& k) {
  std::string s;
  for (const auto& r : k.reports()) s += kind_of(r) + " (" + title_of(r) + ", " + r.detector + ")\n";
  return s;
}

// Hex runs of 8+ digits become "X": "ffff8801292d17d8" and "[<ffffffff811df134>]" compare equal.
inline std::string mask_hex(const std::string& s) {
  static const std::regex hex("[0-9a-f]{8,}");
  std::string out = std::regex_replace(s, hex, "X");
  static const std::regex off("\\+0x[0-9a-f]+/0x[0-9a-f]+");
  return std::regex_replace(out, off, "+0xX/0xX");
}

inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> v;
  size_t p = 0;
  while (p <= s.size()) {
    size_t e = s.find('\n', p);
    if (e == std::string::npos) e = s.size();
    v.push_back(s.substr(p, e - p));
    p = e + 1;
  }
  return v;
}

}  // namespace wdtest

namespace wdtest {

// Test-owned locks with their own lockdep keys (a test-only lock order bug
// needs classes no kernel path uses).
struct TestLocks {
  sk::lock_class_key ka{"&test->lock_a"}, kb{"&test->lock_b"}, kc{"&test->lock_c"}, kx{"&test->lock_x"},
      ks{"&test->sem"};
  sk::mutex a, b, c, x1, x2;
  sk::rw_semaphore s1, s2;
  explicit TestLocks(sk::Kernel& k) {
    sk::mutex_init(&a, &ka, k.kaddr.alloc(64));
    sk::mutex_init(&b, &kb, k.kaddr.alloc(64));
    sk::mutex_init(&c, &kc, k.kaddr.alloc(64));
    sk::mutex_init(&x1, &kx, k.kaddr.alloc(64));
    sk::mutex_init(&x2, &kx, k.kaddr.alloc(64));
    sk::init_rwsem(&s1, &ks, k.kaddr.alloc(64));
    sk::init_rwsem(&s2, &ks, k.kaddr.alloc(64));
  }
};

// Takes `first` then `second` (napping in between when asked) and drops
// both, in the caller's simulated frame: the acquire sites are the caller's
// lines `line` and `line + 1`.
inline void lock_pair_at(sk::Kernel& k, sk::mutex* first, sk::mutex* second, uint64_t nap_ns = 0,
                         int line = __builtin_LINE()) {
  sk::mutex_lock(first, line);
  if (nap_ns) k.schedule_timeout(nap_ns);
  sk::mutex_lock(second, line + 1);
  sk::mutex_unlock(second, line + 2);
  sk::mutex_unlock(first, line + 3);
}

constexpr uint64_t kMs = 1'000'000ULL;
constexpr uint64_t kSec = 1'000'000'000ULL;

}  // namespace wdtest
