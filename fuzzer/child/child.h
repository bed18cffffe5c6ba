// A Trinity child. A generated child loops picking a syscall, generating its
// arguments (from its own seeded PRNG in campaigns, from the input bytes in
// the libFuzzer target) and calling it; a replayed child makes the calls of
// a .prog child block in order. Either way every call goes through one
// place: the ring of the child's last 16 calls that every report prints,
//   [child2:7669] [412] rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x") = ...
// the per-syscall counters and the call observers.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzzer/generate/arg_gen.h"
#include "fuzzer/generate/file_list.h"
#include "fuzzer/generate/name_pool.h"
#include "fuzzer/harness/call_observer.h"
#include "fuzzer/syscalls/call.h"

namespace sk {
class Kernel;
}

namespace simtrinity {

namespace prog {
struct ProgChild;
}

constexpr int kErrnoMax = 134;

// Per-syscall counts with an errno histogram (Trinity's --stats).
struct SysCounts {
  uint64_t calls = 0;
  uint64_t ok = 0;
  std::array<uint64_t, kErrnoMax + 1> errnos{};  // [kErrnoMax]: anything larger
};
using SysStats = std::array<SysCounts, static_cast<size_t>(Sys::count_)>;
void add_stats(SysStats& into, const SysStats& from);

// What precedes the rings after a report, wherever they are printed.
inline constexpr std::string_view kRingsHeading = "Trinity children, last calls (oldest first):";

// One line of a ring (and of a --log): "[child2:7669] [412] rename(...) = -2 (ENOENT)":
// who made it (ring_who, "[child2:7669] [412] "), the call, then its result
// (--log writes the first two before the call is made, the result after).
std::string ring_who(int child, int pid, uint64_t seq);
std::string ring_line(int child, int pid, uint64_t seq, const Call& c, long ret, bool done);

// The fds every generated child opens before its first call.
std::vector<std::string> start_fds(const std::string& victim);

// What the children of one run share (one kernel, one thread: no locking).
struct RunShared {
  explicit RunShared(sk::Kernel& kernel) : k(kernel) {}
  sk::Kernel& k;
  std::vector<const SyscallEntry*> pool;  // what generated children pick from
  FileList files;                         // trinity-main's walk
  NamePool names;                         // what the children's calls created
  unsigned names_reuse = NamePool::kDefaultReuse;  // percent of path arguments drawn from it
  uint64_t budget = UINT64_MAX;           // listed calls of generated children, all together
  uint64_t made = 0;                      // listed calls made
  uint64_t all_calls = 0;                 // every call made, bookkeeping included
  int live_children = 0;
  SysStats stats{};
  std::vector<std::string> start_fds;
  uint64_t run_index = 0;
  std::string watchdog_notes;             // trinity-main's watchdog: children without progress
  std::vector<CallObserver*> observers;
  const std::atomic<int>* interrupt = nullptr;  // RunPlan::interrupt
  bool interrupted() const { return interrupt && interrupt->load(std::memory_order_relaxed) != 0; }
};

class Child {
 public:
  static constexpr size_t kRing = 16;

  // A generated child: its choices come from `rand`.
  Child(int index, bool new_netns, Rand* rand);
  // A replayed child: the calls of `calls`, in order.
  Child(int index, bool new_netns, const prog::ProgChild* calls);
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The task body.
  void run(RunShared& sh);

  std::string format_ring() const;
  int index() const { return index_; }
  int pid() const { return pid_; }
  uint64_t seq() const { return seq_; }
  bool finished() const { return finished_; }

 private:
  struct RingEntry {
    uint64_t seq = 0;
    Call call;
    long ret = 0;
    bool done = false;
  };
  void fuzz(RunShared& sh);
  void replay(RunShared& sh);
  // Makes `c`: listed calls go into the ring, the counters and the budget;
  // every call goes past the observers.
  long make_call(RunShared& sh, const Call& c, bool listed);

  int index_;
  int pid_ = 0;
  bool new_netns_;
  Rand* rand_ = nullptr;
  const prog::ProgChild* calls_ = nullptr;
  FdPool fds_;
  std::array<RingEntry, kRing> ring_;
  uint64_t seq_ = 0;
  bool finished_ = false;
  alignas(16) char buf_[kUserBuf];
};

}  // namespace simtrinity
