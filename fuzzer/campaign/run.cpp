#include "fuzzer/campaign/run.h"

#include "simkernel/sched/sched_policy.h"

namespace simtrinity {

uint64_t run_seed(uint64_t campaign_seed, uint64_t index) {
  uint64_t s = campaign_seed ^ (index * 0xd1b54a32d192ed03ULL);
  uint64_t a = sk::splitmix64(s);
  return a ^ sk::splitmix64(s);
}

RunPlan campaign_run_plan(const RunOptions& o, uint64_t index, uint64_t seed, uint64_t budget) {
  uint64_t st = seed;
  sk::Prng rng(sk::splitmix64(st));
  RunPlan plan;
  plan.kernel = o.kernel;
  plan.victim = o.victim;
  for (int i = 0; i < o.children; i++) {
    ChildPlan c;
    c.index = i;
    c.new_netns = rng.below(100) < o.netns_child_pct;
    c.rand = std::make_shared<PrngRand>(rng.next());
    plan.children.push_back(std::move(c));
  }
  if (o.scheduler == "rr")
    plan.policy = std::make_unique<sk::RoundRobinPolicy>();
  else
    plan.policy = std::make_unique<sk::RandomPolicy>(rng.next());
  plan.pool = o.pool;
  plan.budget = budget;
  plan.run_index = index;
  plan.observers = o.observers;
  return plan;
}

RunResult run_one(const RunOptions& o, uint64_t index, uint64_t seed, uint64_t budget) {
  RunResult res;
  res.index = index;
  res.seed = seed;
  res.budget = budget;
  res.outcome = run_harness(campaign_run_plan(o, index, seed, budget));
  return res;
}

}  // namespace simtrinity
