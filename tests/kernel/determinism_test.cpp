// Determinism: a seeded random workload (several tasks doing random syscalls
// over a small path set) gives the same trace hash and stats every time, in
// any thread, and different seeds give different traces.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "simkernel/base/prng.h"
#include "tests/kernel/kernel_harness.h"

using namespace sktest;

namespace {

struct Outcome {
  uint64_t hash = 0;
  std::map<std::string, uint64_t> syscalls;
  uint64_t context_switches = 0, sched_points = 0, dentries = 0, now_ns = 0;
  uint64_t checksum = 0;  // of every result the tasks saw
  bool operator==(const Outcome&) const = default;
};

const char* const kPaths[] = {"/tmp/a", "/tmp/b", "/tmp/a/x", "/tmp/b/y", "/tmp/c", "/victim/v",
                              "/victim/v/w", "/proc/1/net/stat", "/proc/self/status", "/tmp/l"};
constexpr int kNPaths = sizeof kPaths / sizeof kPaths[0];

void random_calls(sk::Kernel& k, sk::Prng& rng, int n, uint64_t* sum) {
  auto P = [&] { return kPaths[rng.below(kNPaths)]; };
  std::vector<int> fds;
  char buf[256];
  for (int i = 0; i < n; i++) {
    long r = 0;
    switch (rng.below(11)) {
      case 0: r = k.sys_mkdir(P(), 0755); break;
      case 1: r = k.sys_rmdir(P()); break;
      case 2: r = k.sys_rename(P(), P()); break;
      case 3: r = k.sys_unlink(P()); break;
      case 4: r = k.sys_symlink(P(), P()); break;
      case 5: r = k.sys_link(P(), P()); break;
      case 6: {
        sk::kstat st{};
        r = k.sys_stat(P(), &st);
        if (r == 0) r = static_cast<long>(st.mode);
        break;
      }
      case 7:
        r = k.sys_open(P(), rng.chance(1, 2) ? O_RDONLY : (O_CREAT | O_RDWR), 0644);
        if (r >= 0) fds.push_back(static_cast<int>(r));
        break;
      case 8:
        if (!fds.empty()) {
          size_t j = rng.below(fds.size());
          r = k.sys_read(fds[j], buf, sizeof buf);
        }
        break;
      case 9:
        if (!fds.empty()) {
          size_t j = rng.below(fds.size());
          r = k.sys_close(fds[j]);
          fds.erase(fds.begin() + static_cast<long>(j));
        }
        break;
      case 10: r = k.sys_getdents64(fds.empty() ? -1 : fds.back(), buf, sizeof buf); break;
    }
    *sum = *sum * 31 + static_cast<uint64_t>(r);
  }
  for (int fd : fds) k.sys_close(fd);
}

Outcome workload(uint64_t seed, const std::string& profile = "3.9") {
  sk::KernelOptions o;
  o.profile = profile;
  o.seed = seed;
  o.watchdog = true;
  sk::Kernel k(std::move(o));
  sk::Prng master(seed);
  std::vector<uint64_t> sums(4, 0);
  for (int t = 0; t < 4; t++) {
    uint64_t s = master.next();
    k.spawn("worker" + std::to_string(t), [&k, s, t, &sums] {
      sk::Prng rng(s);
      random_calls(k, rng, 300, &sums[t]);
    });
  }
  k.run(2'000'000);
  Outcome out;
  out.hash = k.trace_hash();
  out.syscalls = k.stats().syscalls;
  out.context_switches = k.stats().context_switches;
  out.sched_points = k.stats().sched_points;
  out.dentries = k.stats().dentries;
  out.now_ns = k.now_ns();
  for (uint64_t s : sums) out.checksum = out.checksum * 1000003 + s;
  return out;
}

TEST(Determinism, SameSeedSameTrace) {
  Outcome a = workload(42), b = workload(42);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_TRUE(a == b);
  uint64_t total = 0;
  for (auto& [name, n] : a.syscalls) total += n;
  EXPECT_GT(total, 1000u);  // the workload did run
  EXPECT_GT(a.context_switches, 0u);
}

TEST(Determinism, SameSeedSameTraceOn38) {
  Outcome a = workload(7, "3.8"), b = workload(7, "3.8");
  EXPECT_TRUE(a == b);
}

TEST(Determinism, DifferentSeedsDiffer) {
  Outcome a = workload(1), b = workload(2), c = workload(3);
  EXPECT_NE(a.hash, b.hash);
  EXPECT_NE(a.hash, c.hash);
  EXPECT_NE(b.hash, c.hash);
}

TEST(Determinism, TwoKernelsInTwoThreadsDoNotInterfere) {
  Outcome seq1 = workload(11), seq2 = workload(12);
  Outcome par1, par2;
  for (int round = 0; round < 3; round++) {
    std::thread t1([&] { par1 = workload(11); });
    std::thread t2([&] { par2 = workload(12); });
    t1.join();
    t2.join();
    EXPECT_TRUE(par1 == seq1) << "round " << round;
    EXPECT_TRUE(par2 == seq2) << "round " << round;
  }
  // Same seed in both threads at once: still identical.
  Outcome x, y;
  std::thread t1([&] { x = workload(11); });
  std::thread t2([&] { y = workload(11); });
  t1.join();
  t2.join();
  EXPECT_TRUE(x == seq1);
  EXPECT_TRUE(y == seq1);
}

}  // namespace
