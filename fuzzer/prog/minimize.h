// Shrinks a program while it still produces the same report title: drop
// children, drop calls (chunks, then single calls; a call that uses a dropped
// call's rN goes with it), simplify arguments (shorter paths, smaller
// numbers, fewer flags, no netns=new), shorten the schedule. Repeats until
// nothing more can go. Every step is a fresh, deterministic execution.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

struct MinimizeOptions {
  std::string title;                  // empty: the primary report of the input
  std::optional<std::string> kernel;  // run on this profile instead of the program's
  std::function<void(const std::string&)> progress;
  uint64_t max_execs = 20000;
};

struct MinimizeResult {
  bool reproduced = false;  // the input produced the title at all
  std::string title;
  Program program;
  uint64_t execs = 0;
};

MinimizeResult minimize(const Program& in, const MinimizeOptions& o);

size_t call_count(const Program& p);

}  // namespace simtrinity::prog
