// Shrinks a program while a predicate holds, as syzkaller's
// Minimize(prog, pred): drop children, drop calls (chunks, then single
// calls; a call that uses a dropped call's rN goes with it), simplify
// arguments (shorter paths, smaller numbers, fewer flags, no netns=new),
// *at() calls to their plain forms, shorten the schedule. Repeats until
// nothing more can go. Candidates are memoized by a hash of their printed
// text, so no program is run twice.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

// Whether a candidate still shows what is being kept (it runs it).
using Predicate = std::function<bool(const Program&)>;

// The predicates of `simtrinity minimize`: a report with this title (the
// default: the input's own title), or of this kind, comes back.
Predicate title_reproduces(std::string title, ExecOptions o = {});
Predicate kind_reproduces(std::string kind, ExecOptions o = {});

// The title a minimized input keeps by default: the one its header names,
// else that of its primary report when run (`first`).
std::string default_title(const Program& p, const RunOutcome& first);

struct MinimizeOptions {
  std::function<void(const std::string&)> progress;
  uint64_t max_execs = 20000;  // predicate runs (memo hits are free)
};

struct MinimizeResult {
  bool reproduced = false;  // the predicate held for the input
  Program program;
  uint64_t execs = 0;       // predicate runs
  uint64_t memo_hits = 0;   // candidates seen before
};

MinimizeResult minimize(const Program& in, const Predicate& pred, const MinimizeOptions& o = {});

size_t call_count(const Program& p);

}  // namespace simtrinity::prog
