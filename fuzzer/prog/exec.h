// A program as a source for the harness: its children replay their calls in
// order, its schedule line gives the policy, its detect line the detectors.
// It runs the way `simtrinity run` runs its children: trinity-main walks the
// tree, forks trinity-child<N> for each child block in order and naps until
// they are done; each child unshares its netns if asked, then makes its calls.
#pragma once
#include <optional>
#include <string>

#include "fuzzer/harness/harness.h"
#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

struct ExecOptions {
  std::optional<std::string> kernel;  // overrides the program's `kernel`
  std::string victim{sk::kDefaultVictim};
  bool record = false;                // RunOutcome::recording
};

// The plan of `p`, which must outlive the run. The program must be valid
// (parsed, or built by the tool) and its kernel (or the override) known.
RunPlan program_plan(const Program& p, const ExecOptions& o = {});

RunOutcome execute(const Program& p, const ExecOptions& o = {});

}  // namespace simtrinity::prog
