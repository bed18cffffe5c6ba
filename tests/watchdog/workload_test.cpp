// A seeded random workload on 3.9 (Linus's fix): several tasks hammer the
// VFS, procfs (including the article's /proc/PID/net renames) and ramfs with
// at least 1,000,000 syscalls, and the watchdog must stay silent.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "simkernel/base/prng.h"
#include "tests/watchdog/watchdog_harness.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WD_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define WD_ASAN 1
#endif

using namespace wdtest;

namespace {

#ifdef WD_ASAN
constexpr uint64_t kTotalSyscalls = 250'000;
#else
constexpr uint64_t kTotalSyscalls = 1'000'000;
#endif
constexpr int kTasks = 4;

constexpr std::array<const char*, 16> kDirs = {
    "/tmp",           "/tmp/a",           "/tmp/b",           "/tmp/a/c",
    "/victim",        "/victim/d",        "/proc/self/net",   "/proc/self/net/stat",
    "/proc/1/net/stat", "/proc/2/net/stat", "/proc/net/stat",  "/proc/1",
    "/proc/self",     "/sys/kernel",      "/dev",             "/proc/1/net"};
constexpr std::array<const char*, 8> kNames = {"x", "y", "z", "arp_cache", "dev", "..", "c", "d"};

// One child's syscall loop; returns after `budget` syscalls.
class Child {
 public:
  Child(sk::Kernel& k, uint64_t seed, uint64_t budget) : k_(k), rng_(seed), budget_(budget) {}

  void run() {
    while (made_ < budget_) step();
  }

 private:
  std::string path() {
    std::string p = kDirs[rng_.below(kDirs.size())];
    if (rng_.below(4)) p += std::string("/") + kNames[rng_.below(kNames.size())];
    return p;
  }
  long sys(long r) {
    made_++;
    return r;
  }

  void step() {
    sk::kstat st{};
    char buf[256];
    switch (rng_.below(14)) {
      case 0: sys(k_.sys_stat(path().c_str(), &st)); break;
      case 1: sys(k_.sys_lstat(path().c_str(), &st)); break;
      case 2: {
        long fd = sys(k_.sys_open(path().c_str(), O_RDONLY));
        if (fd >= 0) {
          sys(k_.sys_read(static_cast<int>(fd), buf, sizeof buf));
          sys(k_.sys_close(static_cast<int>(fd)));
        }
        break;
      }
      case 3: {
        long fd = sys(k_.sys_open(path().c_str(), O_WRONLY | O_CREAT, 0644));
        if (fd >= 0) {
          sys(k_.sys_write(static_cast<int>(fd), "data", 4));
          sys(k_.sys_close(static_cast<int>(fd)));
        }
        break;
      }
      case 4: sys(k_.sys_mkdir(path().c_str(), 0755)); break;
      case 5: sys(k_.sys_rmdir(path().c_str())); break;
      case 6: sys(k_.sys_unlink(path().c_str())); break;
      case 7:
      case 8: sys(k_.sys_rename(path().c_str(), path().c_str())); break;
      case 9: sys(k_.sys_link(path().c_str(), path().c_str())); break;
      case 10: sys(k_.sys_symlink(path().c_str(), path().c_str())); break;
      case 11: sys(k_.sys_readlink(path().c_str(), buf, sizeof buf)); break;
      case 12: {
        long fd = sys(k_.sys_open(kDirs[rng_.below(kDirs.size())], O_RDONLY | O_DIRECTORY));
        if (fd >= 0) {
          sys(k_.sys_getdents64(static_cast<int>(fd), buf, sizeof buf));
          sys(k_.sys_close(static_cast<int>(fd)));
        }
        break;
      }
      case 13:
        if (sys(k_.sys_chdir(kDirs[rng_.below(kDirs.size())])) == 0) sys(k_.sys_chdir("/"));
        break;
    }
  }

  sk::Kernel& k_;
  sk::Prng rng_;
  uint64_t budget_;
  uint64_t made_ = 0;
};

// Runs the workload; returns the number of syscalls the kernel counted.
uint64_t run_workload(sk::Kernel& k, uint64_t seed, uint64_t total) {
  for (int i = 0; i < kTasks; i++) {
    uint64_t s = seed * 1000 + static_cast<uint64_t>(i);
    k.spawn("trinity-child" + std::to_string(i), [&k, s, total] { Child(k, s, total / kTasks).run(); });
  }
  k.run();
  uint64_t n = 0;
  for (const auto& [name, count] : k.stats().syscalls) n += count;
  return n;
}

}  // namespace

TEST(Workload, MillionSyscallsOn39WithoutReports) {
  auto k = boot("3.9", all_on(), 42);
  uint64_t n = run_workload(*k, 42, kTotalSyscalls);
  EXPECT_GE(n, kTotalSyscalls);
  EXPECT_TRUE(k->reports().empty()) << kinds(*k) << (k->reports().empty() ? "" : k->reports().front().text);
  std::printf("syscalls: %llu, virtual time: %.3f s, context switches: %llu, reports: %zu\n",
              static_cast<unsigned long long>(n), static_cast<double>(k->now_ns()) / 1e9,
              static_cast<unsigned long long>(k->stats().context_switches), k->reports().size());
}

TEST(Workload, SmallWorkloadOn38StillFindsTheBug) {
  // The same generator on the buggy kernel: the article's bug surfaces.
  auto k = boot("3.8", all_on(), 42);
  run_workload(*k, 42, 20'000);
  EXPECT_NE(find_report(*k, "dentry-alias"), nullptr) << kinds(*k);
}
