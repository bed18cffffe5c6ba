// Kernel benchmarks: boot time and single-task syscall throughput
// (items_per_second = simulated syscalls per second).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

#include "simkernel/kernel.h"

namespace {

std::unique_ptr<sk::Kernel> make_kernel(bool watchdog) {
  sk::KernelOptions o;
  o.profile = "3.8";
  o.watchdog = watchdog;
  return std::make_unique<sk::Kernel>(std::move(o));
}

void BM_KernelBoot(benchmark::State& state) {
  for (auto _ : state) {
    auto k = make_kernel(true);
    benchmark::DoNotOptimize(k.get());
  }
}
BENCHMARK(BM_KernelBoot)->Unit(benchmark::kMicrosecond);

// Runs `body` (which makes `per_iter` syscalls) inside one task, once per
// benchmark iteration: the task body drives the benchmark loop itself.
void run_in_task(benchmark::State& state, int per_iter, const std::function<void(sk::Kernel&)>& setup,
                 const std::function<void(sk::Kernel&)>& body) {
  auto k = make_kernel(true);
  k->spawn("bench", [&] {
    setup(*k);
    for (auto _ : state) body(*k);
  });
  k->run();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * per_iter);
}

void nothing(sk::Kernel&) {}

void BM_OpenClose_Ramfs(benchmark::State& state) {
  run_in_task(state, 2, [](sk::Kernel& k) { k.sys_close(static_cast<int>(k.sys_creat("/tmp/f", 0644))); },
              [](sk::Kernel& k) { k.sys_close(static_cast<int>(k.sys_open("/tmp/f", O_RDONLY))); });
}
BENCHMARK(BM_OpenClose_Ramfs);

void BM_OpenClose_Procfs(benchmark::State& state) {
  run_in_task(state, 2, nothing,
              [](sk::Kernel& k) { k.sys_close(static_cast<int>(k.sys_open("/proc/1/net/stat/arp_cache", O_RDONLY))); });
}
BENCHMARK(BM_OpenClose_Procfs);

void BM_MkdirRmdir_Ramfs(benchmark::State& state) {
  run_in_task(state, 2, nothing, [](sk::Kernel& k) {
    k.sys_mkdir("/tmp/d", 0755);
    k.sys_rmdir("/tmp/d");
  });
}
BENCHMARK(BM_MkdirRmdir_Ramfs);

void BM_Rename_Ramfs(benchmark::State& state) {
  run_in_task(state, 2, [](sk::Kernel& k) { k.sys_mkdir("/tmp/a", 0755); k.sys_mkdir("/tmp/b", 0755); },
              [](sk::Kernel& k) {
                k.sys_rename("/tmp/a", "/tmp/b/a");
                k.sys_rename("/tmp/b/a", "/tmp/a");
              });
}
BENCHMARK(BM_Rename_Ramfs);

void BM_Rename_Procfs(benchmark::State& state) {  // refused (3.8 would deadlock across pids; same pid: -EPERM path)
  run_in_task(state, 1, nothing,
              [](sk::Kernel& k) { k.sys_rename("/proc/1/net/stat/arp_cache", "/proc/1/net/stat/rt_cache"); });
}
BENCHMARK(BM_Rename_Procfs);

void BM_Stat_Ramfs(benchmark::State& state) {
  run_in_task(state, 1, [](sk::Kernel& k) { k.sys_mkdir("/tmp/a", 0755); k.sys_mkdir("/tmp/a/b", 0755); },
              [](sk::Kernel& k) {
                sk::kstat st;
                k.sys_stat("/tmp/a/b", &st);
              });
}
BENCHMARK(BM_Stat_Ramfs);

void BM_Stat_Procfs(benchmark::State& state) {
  run_in_task(state, 1, nothing, [](sk::Kernel& k) {
    sk::kstat st;
    k.sys_stat("/proc/1/net/stat", &st);
  });
}
BENCHMARK(BM_Stat_Procfs);

void BM_Stat_ProcSelf(benchmark::State& state) {
  run_in_task(state, 1, nothing, [](sk::Kernel& k) {
    sk::kstat st;
    k.sys_stat("/proc/self/net/dev", &st);
  });
}
BENCHMARK(BM_Stat_ProcSelf);

// The mix: 10 syscalls over ramfs and procfs.
void BM_Mix(benchmark::State& state) {
  run_in_task(state, 10, [](sk::Kernel& k) { k.sys_close(static_cast<int>(k.sys_creat("/tmp/f", 0644))); },
              [](sk::Kernel& k) {
                sk::kstat st;
                k.sys_close(static_cast<int>(k.sys_open("/tmp/f", O_RDONLY)));
                k.sys_mkdir("/tmp/d", 0755);
                k.sys_rename("/tmp/d", "/tmp/e");
                k.sys_rmdir("/tmp/e");
                k.sys_stat("/tmp/f", &st);
                k.sys_stat("/proc/1/net/stat", &st);
                k.sys_close(static_cast<int>(k.sys_open("/proc/self/status", O_RDONLY)));
                k.sys_getpid();
              });
}
BENCHMARK(BM_Mix);

// Flat in the size of the directory: a stat of one name among `range(0)`
// siblings (dentry_hashtable, keyed by parent and name hash; no per-parent
// search).
void BM_StatWideDir(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  run_in_task(state, 1,
              [n](sk::Kernel& k) {
                k.sys_mkdir("/tmp/w", 0755);
                for (int i = 0; i < n; i++) {
                  long fd = k.sys_creat(("/tmp/w/f" + std::to_string(i)).c_str(), 0644);
                  if (fd < 0) std::abort();  // the directory must hold all n
                  k.sys_close(static_cast<int>(fd));
                }
              },
              [n](sk::Kernel& k) {
                static const std::string p = "/tmp/w/f" + std::to_string(n / 2);
                sk::kstat st;
                k.sys_stat(p.c_str(), &st);
              });
}
BENCHMARK(BM_StatWideDir)->Arg(16)->Arg(65536);

// Flat in the number of mounts stacked on one mountpoint: a walk through
// /tmp/m crosses `range(0)` ramfs mounts to the top one (mount_hashtable,
// keyed by parent mount and mountpoint; follow_mount's memo of the top).
void BM_StatThroughStackedMounts(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  run_in_task(state, 1,
              [n](sk::Kernel& k) {
                k.sys_mkdir("/tmp/m", 0755);
                for (int i = 0; i < n; i++)
                  if (k.sys_mount("none", "/tmp/m", "ramfs", 0, nullptr) != 0) std::abort();
                if (k.sys_mkdir("/tmp/m/d", 0755) != 0) std::abort();  // on the top mount
              },
              [](sk::Kernel& k) {
                sk::kstat st;
                k.sys_stat("/tmp/m/d", &st);
              });
}
BENCHMARK(BM_StatThroughStackedMounts)->Arg(1)->Arg(1024);

// unshare(CLONE_NEWNET) in a loop (issue #11's replay): each new netns
// (its /proc/net tree included) is freed when the next one replaces it;
// live_nets is the net cache's live objects after the run.
void BM_UnshareNewNet(benchmark::State& state) {
  auto k = make_kernel(true);
  k->spawn("bench", [&] {
    for (auto _ : state) k->sys_unshare(CLONE_NEWNET);
  });
  k->run();
  state.counters["live_nets"] = static_cast<double>(k->net_cachep.live());  // init_net: the task has exited
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_UnshareNewNet);

// What Linus's fix costs /proc (the article's open question): every
// iteration a new process looks at its /proc/self/net (6 entries under
// /proc/PID/net: fresh dentries, as for any new pid). 3.8 finds the
// entries' inodes in the inode cache; 3.9 allocates one inode per dentry.
// Counters are per iteration (one process).
void BM_ProcNetFreshPid(benchmark::State& state, const char* profile) {
  sk::KernelOptions o;
  o.profile = profile;
  o.max_tasks = 1 << 20;
  auto k = std::make_unique<sk::Kernel>(std::move(o));
  const auto before = k->stats().fs["proc"];
  k->spawn("bench", [&] {
    for (auto _ : state) {
      k->sys_fork([&] {
        sk::kstat st;
        for (const char* p : {"/proc/self/net/stat", "/proc/self/net/stat/arp_cache", "/proc/self/net/dev",
                              "/proc/self/net/dev_snmp6", "/proc/self/net/dev_snmp6/lo", "/proc/self/net/tcp"})
          k->sys_stat(p, &st);
      });
      k->schedule_timeout(1000);  // let the child run and exit
    }
  });
  k->run();
  const auto& after = k->stats().fs["proc"];
  const double n = static_cast<double>(state.iterations());
  state.counters["proc_inode_allocs"] = static_cast<double>(after.inode_allocs - before.inode_allocs) / n;
  state.counters["icache_hits"] = static_cast<double>(after.icache_hits - before.icache_hits) / n;
  state.counters["icache_misses"] = static_cast<double>(after.icache_misses - before.icache_misses) / n;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 8);  // fork + 6 stats + exit
}
BENCHMARK_CAPTURE(BM_ProcNetFreshPid, v3_8, "3.8");
BENCHMARK_CAPTURE(BM_ProcNetFreshPid, v3_9, "3.9");

}  // namespace
