#include "fuzzer/harness/harness.h"

#include "fuzzer/child/trinity_main.h"
#include "fuzzer/prog/recorder.h"
#include "simkernel/kernel.h"

namespace simtrinity {

const RunFinding* RunOutcome::primary() const {
  for (const auto& f : findings)
    if (f.id.fatal) return &f;
  return findings.empty() ? nullptr : &findings.front();
}

bool RunOutcome::has_title(const std::string& title) const {
  for (const auto& f : findings)
    if (f.id.title == title) return true;
  return false;
}

bool RunOutcome::has_kind(const std::string& kind) const {
  for (const auto& f : findings)
    if (f.id.kind == kind) return true;
  return false;
}

bool RunOutcome::has_fatal() const {
  for (const auto& f : findings)
    if (f.id.fatal) return true;
  return false;
}

std::vector<const SyscallEntry*> default_pool() {
  std::vector<const SyscallEntry*> pool;
  for (const auto& e : syscall_table())
    if (!e.avoid) pool.push_back(&e);
  return pool;
}

RunOutcome run_harness(RunPlan plan) {
  RunOutcome out;
  out.kernel = plan.kernel;

  // Declared before the kernel, so they outlive its teardown (which unwinds
  // the children's fibers).
  std::vector<std::unique_ptr<LoggedRand>> logged;
  std::vector<std::unique_ptr<Child>> children;
  prog::ProgramRecorder recorder;
  std::vector<CallObserver*> observers = plan.observers;
  if (plan.record) observers.push_back(&recorder);
  for (const auto& cp : plan.children) {
    Rand* r = cp.rand.get();
    if (r && plan.draws) {
      logged.push_back(std::make_unique<LoggedRand>(*r, *plan.draws));
      r = logged.back().get();
    }
    if (cp.calls)
      children.push_back(std::make_unique<Child>(cp.index, cp.new_netns, cp.calls));
    else
      children.push_back(std::make_unique<Child>(cp.index, cp.new_netns, r));
    if (plan.record) recorder.add_child(cp.index, cp.new_netns);
  }

  sk::KernelOptions ko;
  ko.profile = plan.kernel;
  ko.victim = plan.victim;
  ko.watchdog_opts = plan.detect;
  sk::RecordingPolicy* recording = nullptr;
  if (plan.record) {
    auto rp = std::make_unique<sk::RecordingPolicy>(std::move(plan.policy));
    recording = rp.get();
    ko.policy = std::move(rp);
  } else {
    ko.policy = std::move(plan.policy);
  }
  sk::Kernel k(std::move(ko));

  RunShared sh(k);
  sh.pool = std::move(plan.pool);
  sh.budget = plan.budget;
  sh.interrupt = plan.interrupt;
  sh.names = NamePool(plan.victim);
  sh.names_reuse = plan.name_reuse;
  sh.start_fds = start_fds(plan.victim);
  sh.run_index = plan.run_index;
  sh.observers = std::move(observers);

  auto rings = [&] {
    std::string s;
    for (const auto& c : children) s += c->format_ring();
    return s + sh.watchdog_notes;
  };
  k.set_report_handler([&](const sk::Report& r) {
    RunFinding f;
    f.report = r;
    f.id = identify(r);
    f.rings = rings();
    f.at_syscall = sh.made;
    out.findings.push_back(std::move(f));
  });
  const std::string victim = plan.victim;
  k.spawn("trinity-main", [&sh, &children, victim] { trinity_main(sh, children, victim); });
  k.run();

  out.rings = rings();
  out.syscalls = sh.made;
  out.calls = sh.all_calls;
  out.stats = sh.stats;
  out.virt_ns = k.now_ns();
  if (plan.record) out.recording = prog::make_program(plan.kernel, recorder.children(), recording->choices(), {});
  return out;  // ~Kernel() unwinds every fiber here, while the children exist
}

}  // namespace simtrinity
