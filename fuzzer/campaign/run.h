// One campaign run as a source for the harness: from the run's seed, each
// child's netns and own PRNG, and the scheduler's seed. trinity-main walks
// the tree and forks the children, which fuzz until the run's syscall budget
// or a fatal report.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "fuzzer/harness/harness.h"

namespace simtrinity {

struct RunOptions {
  std::string kernel{sk::kDefaultProfile};
  int children = 4;
  std::string scheduler = "random";  // random | rr
  std::string victim{sk::kDefaultVictim};
  std::vector<const SyscallEntry*> pool = default_pool();
  unsigned netns_child_pct = 25;     // children that unshare CLONE_NEWNET at start
  std::vector<CallObserver*> observers;  // e.g. --log (thread-safe: jobs run side by side)
};

struct RunResult {
  uint64_t index = 0;
  uint64_t seed = 0;
  uint64_t budget = 0;
  RunOutcome outcome;
};

// The seed of run `index` of a campaign.
uint64_t run_seed(uint64_t campaign_seed, uint64_t index);

// The plan of run `index`: what the harness runs.
RunPlan campaign_run_plan(const RunOptions& o, uint64_t index, uint64_t seed, uint64_t budget);

RunResult run_one(const RunOptions& o, uint64_t index, uint64_t seed, uint64_t budget);

}  // namespace simtrinity
