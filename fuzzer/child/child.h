// A Trinity child: loops picking a syscall, generating arguments, calling it
// and recording it in a ring of its last 16 calls, which every report prints:
//   [child2:7669] [412] rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x") = ...
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzzer/generate/arg_gen.h"
#include "fuzzer/generate/file_list.h"
#include "fuzzer/syscalls/call.h"
#include "simkernel/base/prng.h"

namespace sk {
class Kernel;
}
namespace spdlog {
class logger;
}

namespace simtrinity {

namespace prog {
class ChildRecorder;
}

constexpr int kErrnoMax = 134;

// Per-syscall counts with an errno histogram (Trinity's --stats).
struct SysCounts {
  uint64_t calls = 0;
  uint64_t ok = 0;
  std::array<uint64_t, kErrnoMax + 1> errnos{};  // [kErrnoMax]: anything larger
};
using SysStats = std::array<SysCounts, static_cast<size_t>(Sys::count_)>;

// What the children of one run share (one kernel, one thread: no locking).
struct RunShared {
  sk::Kernel& k;
  std::vector<const SyscallEntry*> pool;  // what -c/-x/-g selected
  FileList files;
  uint64_t budget = 0;  // syscalls for the whole run
  uint64_t made = 0;
  int live_children = 0;
  SysStats stats{};
  std::vector<std::string> start_fds;  // opened by each child at start
  uint64_t run_index = 0;
  std::string watchdog_notes;          // trinity-main's watchdog: children without progress
};

class Child {
 public:
  static constexpr size_t kRing = 16;
  struct RingEntry {
    uint64_t seq = 0;
    Call call;
    long ret = 0;
    bool done = false;
  };

  Child(int index, uint64_t seed, bool new_netns, std::shared_ptr<spdlog::logger> log = nullptr);

  // The task body.
  void loop(RunShared& sh);

  std::string format_ring() const;
  // Records every syscall the child makes (for reproducers); off by default.
  void set_recorder(prog::ChildRecorder* r) { rec_ = r; }
  // Takes the choices (syscall, arguments) from `r` instead of the child's
  // seeded PRNG, and stops when it is exhausted (the libFuzzer target).
  void set_source(Rand* r) { src_ = r; }
  int index() const { return index_; }
  int pid() const { return pid_; }
  uint64_t seq() const { return seq_; }
  bool finished() const { return finished_; }

 private:
  long do_call(RunShared& sh, const SyscallEntry* e, const Call* fixed);

  int index_;
  int pid_ = 0;
  bool new_netns_;
  sk::Prng rng_;
  FdPool fds_;
  std::array<RingEntry, kRing> ring_;
  uint64_t seq_ = 0;
  bool finished_ = false;
  std::shared_ptr<spdlog::logger> log_;
  prog::ChildRecorder* rec_ = nullptr;
  PrngRand own_src_{rng_};
  Rand* src_ = &own_src_;
  alignas(16) char buf_[kUserBuf];
};

}  // namespace simtrinity
