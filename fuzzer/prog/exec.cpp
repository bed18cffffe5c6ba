#include "fuzzer/prog/exec.h"

#include "simkernel/sched/sched_policy.h"

namespace simtrinity::prog {

RunPlan program_plan(const Program& p, const ExecOptions& o) {
  RunPlan plan;
  plan.kernel = o.kernel ? *o.kernel : p.kernel;
  plan.victim = o.victim;
  plan.detect = watchdog_options(p.detect);
  switch (p.schedule.kind) {
    case Schedule::Kind::random: plan.policy = std::make_unique<sk::RandomPolicy>(p.schedule.seed); break;
    case Schedule::Kind::rr: plan.policy = std::make_unique<sk::RoundRobinPolicy>(p.schedule.quantum); break;
    case Schedule::Kind::replay: plan.policy = std::make_unique<sk::ReplayPolicy>(p.schedule.choices); break;
  }
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
