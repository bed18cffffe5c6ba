// Runs a program on a fresh simulated kernel, the way `simtrinity run` runs
// its children: `trinity-main` walks the tree, forks `trinity-child<N>` for
// each child block in order and naps in one-second steps until they are done;
// each child unshares its netns if asked, then makes its calls in order.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fuzzer/prog/program.h"
#include "simkernel/debug/report.h"

namespace simtrinity::prog {

struct ExecOptions {
  std::optional<std::string> kernel;  // overrides the program's `kernel`
  std::string victim = "/victim";
};

struct ExecResult {
  std::string kernel;
  std::vector<sk::Report> reports;  // in the order the kernel reported them
  std::string rings;                // each child's last 16 calls, as run prints them
  uint64_t calls = 0;               // calls made
  // The report to show or match: the first fatal one, else the first one.
  const sk::Report* primary() const;
  bool has_title(const std::string& t) const;
};

// The program must be valid (parsed, or built by the tool) and its kernel
// (or the override) a known profile.
ExecResult execute(const Program& p, const ExecOptions& o = {});

}  // namespace simtrinity::prog
