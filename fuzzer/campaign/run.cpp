#include "fuzzer/campaign/run.h"

#include "fuzzer/harness/schedulers.h"

namespace simtrinity {

uint64_t run_seed(uint64_t campaign_seed, uint64_t index) {
  uint64_t s = campaign_seed ^ (index * 0xd1b54a32d192ed03ULL);
  uint64_t a = sk::splitmix64(s);
  return a ^ sk::splitmix64(s);
}

RunPlan campaign_run_plan(const CampaignOptions& o, uint64_t index, uint64_t seed, uint64_t budget) {
  const RunFlags& f = o.flags;
  uint64_t st = seed;
  sk::Prng rng(sk::splitmix64(st));
  RunPlan plan;
  plan.kernel = f.kernel;
  plan.victim = f.victim;
  for (int i = 0; i < f.children; i++) {
    ChildPlan c;
    c.index = i;
    c.new_netns = rng.below(100) < f.netns_children;
    c.rand = std::make_shared<PrngRand>(rng.next());
    plan.children.push_back(std::move(c));
  }
  // The scheduler's parameters: seeded ones from the run's PRNG, the others
  // from their run flag, else their default.
  const Scheduler& sch = *find_scheduler(f.scheduler);
  std::vector<uint64_t> params;
  for (const auto& p : sch.params) {
    if (p.seeded)
      params.push_back(rng.next());
    else if (auto v = p.run_flag.empty() ? std::nullopt : numeric_flag(f, p.run_flag))
      params.push_back(*v);
    else
      params.push_back(p.def.value_or(0));
  }
  plan.policy = sch.make(params);
  plan.pool = o.pool;
  plan.name_reuse = f.name_reuse;
  plan.budget = budget;
  plan.run_index = index;
  plan.observers = o.observers;
  plan.interrupt = o.interrupt;
  return plan;
}

RunResult run_one(const CampaignOptions& o, uint64_t index, uint64_t seed, uint64_t budget) {
  RunResult res;
  res.index = index;
  res.seed = seed;
  res.budget = budget;
  res.outcome = run_harness(campaign_run_plan(o, index, seed, budget));
  return res;
}

}  // namespace simtrinity
