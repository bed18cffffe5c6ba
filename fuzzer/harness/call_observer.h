// A hook on every call a child makes, in every kind of run (campaign,
// .prog replay, libFuzzer input): before it is made and after it returns.
// The reproducer recorder, the --log writer and strace-style tracing sit
// here; observers see calls only, they never change them.
#pragma once
#include <cstdint>

#include "fuzzer/syscalls/call.h"

namespace simtrinity {

struct CallEvent {
  uint64_t run = 0;     // run index (campaigns; 0 otherwise)
  int child = 0;        // N of trinity-child<N>
  int pid = 0;
  uint64_t seq = 0;     // the call's number among the child's listed calls
  bool listed = true;   // false: the child's own bookkeeping (start fds, fd-pool closes), not in its last calls
  const Call& call;
  long ret = 0;         // after_call only
  const char* buf = nullptr;  // after_call only: the call's user buffer (kUserBuf bytes) as it returned
};

class CallObserver {
 public:
  virtual ~CallObserver() = default;
  virtual void before_call(const CallEvent& e) {}
  virtual void after_call(const CallEvent& e) {}
};

}  // namespace simtrinity
