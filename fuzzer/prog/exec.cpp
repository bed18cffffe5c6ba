#include "fuzzer/prog/exec.h"

#include "fuzzer/harness/schedulers.h"
#include "simkernel/sched/sched_policy.h"

namespace simtrinity::prog {

RunPlan program_plan(const Program& p, const ExecOptions& o) {
  RunPlan plan;
  plan.kernel = o.kernel ? *o.kernel : p.kernel;
  plan.victim = o.victim;
  plan.detect = watchdog_options(p.detect);
  if (p.schedule.replay())
    plan.policy = std::make_unique<sk::ReplayPolicy>(p.schedule.choices);
  else
    plan.policy = find_scheduler(p.schedule.policy)->make(p.schedule.params);
  for (const auto& c : p.children) {
    ChildPlan cp;
    cp.index = c.index;
    cp.new_netns = c.new_netns;
    cp.calls = &c;
    plan.children.push_back(std::move(cp));
  }
  plan.record = o.record;
  return plan;
}

RunOutcome execute(const Program& p, const ExecOptions& o) { return run_harness(program_plan(p, o)); }

}  // namespace simtrinity::prog
