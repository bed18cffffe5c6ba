// One campaign run as a source for the harness: from the run's seed, each
// child's netns and own PRNG, and the scheduler's seeded parameters.
// trinity-main walks the tree and forks the children, which fuzz until the
// run's syscall budget or a fatal report.
#pragma once
#include <cstdint>

#include "fuzzer/campaign/options.h"
#include "fuzzer/harness/harness.h"

namespace simtrinity {

struct RunResult {
  uint64_t index = 0;
  uint64_t seed = 0;
  uint64_t budget = 0;
  RunOutcome outcome;
};

// The seed of run `index` of a campaign.
uint64_t run_seed(uint64_t campaign_seed, uint64_t index);

// The plan of run `index`: what the harness runs.
RunPlan campaign_run_plan(const CampaignOptions& o, uint64_t index, uint64_t seed, uint64_t budget);

RunResult run_one(const CampaignOptions& o, uint64_t index, uint64_t seed, uint64_t budget);

}  // namespace simtrinity
