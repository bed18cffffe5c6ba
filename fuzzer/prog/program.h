// The reproducer format (.prog): a readable text program that replays a
// finding on a fresh simulated kernel.
//
//   # comments start with '#'
//   kernel 3.8
//   detect all                   # or any of: deadlock no-runnable hung-task lockdep vfs
//   schedule random 1234         # or: schedule rr [QUANTUM], schedule replay 0 0 1 ...
//                                # (a scheduler of fuzzer/harness/schedulers.h, or replay)
//   child 0
//     r0 = open("/proc/1/net", O_RDONLY|O_DIRECTORY, 0)
//     renameat(r0, "stat/rt_cache", AT_FDCWD, "/proc/2/net/stat/y")
//   child 1 netns=new            # unshare(CLONE_NEWNET) first
//     r0 = open("/tmp", O_RDONLY, 0) (unlisted)
//     rename("/tmp/a", "/proc/self/net/stat/z")
//
// A call marked "(unlisted)" is the child's own bookkeeping in the run the
// program was recorded from (opening its start fds, closing the oldest fd of
// its pool): it is made like any other, but neither counted nor shown among
// the child's last calls, so a replayed report numbers calls as that run did.
// Results rN are per child. Parse errors are reported as "FILE:LINE:COL: message".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzzer/syscalls/call.h"
#include "simkernel/kernel.h"

namespace simtrinity::prog {

struct Arg {
  enum class Kind : uint8_t { num, str, ref };
  Kind kind = Kind::num;
  long v = 0;          // num
  std::string s;       // str
  int ref = -1;        // ref: the N of rN
  bool operator==(const Arg&) const = default;
};

struct ProgCall {
  const SyscallEntry* e = nullptr;
  int result = -1;     // binds rN when >= 0
  std::vector<Arg> args;
  bool unlisted = false;  // "(unlisted)": not counted, not in the last-calls ring
  bool operator==(const ProgCall&) const = default;
};

struct ProgChild {
  int index = 0;
  bool new_netns = false;
  std::vector<ProgCall> calls;
  bool operator==(const ProgChild&) const = default;
};

struct Schedule {
  // A scheduler of fuzzer/harness/schedulers.h with its parameters, or
  // "replay": the recorded choices.
  static constexpr std::string_view kReplay = "replay";
  std::string policy = "random";
  std::vector<uint64_t> params = {1};
  std::vector<uint32_t> choices;  // replay
  bool replay() const { return policy == kReplay; }
  bool operator==(const Schedule&) const = default;
};

// Which detectors are on ("detect all" by default).
struct Detect {
  bool deadlock = true, no_runnable = true, hung_task = true, lockdep = true, vfs = true;
  bool all() const { return deadlock && no_runnable && hung_task && lockdep && vfs; }
  bool operator==(const Detect&) const = default;
};

struct Program {
  std::vector<std::string> header;  // comment lines before the first statement, without '#'
  std::string kernel{sk::kDefaultProfile};
  Detect detect;
  Schedule schedule;
  std::vector<ProgChild> children;
  bool operator==(const Program&) const = default;
};

// The title a program is expected to reproduce, from its header: "# title: X"
// (minimized programs, corpus/repros) or "# simtrinity finding: X" (saved
// findings); empty when it names none.
std::string expected_title(const Program& p);

// The canonical text of a program.
std::string print(const Program& p);
std::string print_call(const ProgCall& c);

// Parses `text`; on error returns nullopt and sets `error` to one line
// "NAME:LINE:COL: message".
std::optional<Program> parse(std::string_view text, const std::string& name, std::string& error);

// Symbolic constants the parser knows (O_*, AT_*, CLONE_*, RENAME_*, S_I*, MS_*, ...).
const std::vector<std::pair<std::string, long>>& constants();

sk::WatchdogOptions watchdog_options(const Detect& d);

// The call `pc` makes, its rN arguments replaced by what the calls binding
// them returned (`results[N]`; -1 when unbound). Every executor of programs
// (the replaying child, tests/diff's host executor) resolves calls here.
Call resolve_call(const ProgCall& pc, const std::vector<long>& results);
// Records what `pc` returned when it binds an rN.
void bind_result(const ProgCall& pc, long ret, std::vector<long>& results);

}  // namespace simtrinity::prog
