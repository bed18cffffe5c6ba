// strace -f for the simulated kernel: every call of every child, in the
// order the kernel ran them, with its result, for `repro --trace`.
//
//   [child0:4] open("/tmp", O_RDONLY, 0) = 3
//   [child0:4] rename("/tmp/a", "/tmp/b") = -1 ENOENT (No such file or directory)
//   [child1:5] rename("/proc/1/net/stat/a", "/proc/2/net/stat/b" <unfinished ...>
//   [child0:4] getpid() = 4
//   [child1:5] <... rename resumed>) = 0
//
// A call another task's call overtook is split as strace splits it; a call
// still in flight when the run ends (a task blocked for good) stays
// "<unfinished ...>", followed by "[child1:5] +++ still in this call when the run ended +++"
// (blocked, or stopped when the kernel reported a deadlock and the run ended).
// The children's own bookkeeping calls (start fds, closes of the fd pool) are
// shown too: they are calls the kernel ran.
#pragma once
#include <string>
#include <vector>

#include "fuzzer/harness/call_observer.h"

namespace simtrinity {

class StraceWriter : public CallObserver {
 public:
  explicit StraceWriter(std::string& out) : out_(out) {}
  void before_call(const CallEvent& e) override;
  void after_call(const CallEvent& e) override;
  // After the run: what is still in flight.
  void finish();

 private:
  struct InFlight {
    std::string who;   // "[child0:4] "
    std::string call;  // the call without its closing parenthesis
    const char* name;
    bool split = false;  // its "<unfinished ...>" line is out
  };
  void split_others();
  std::string& out_;
  std::vector<InFlight> in_flight_;  // in the order the calls started
};

}  // namespace simtrinity
