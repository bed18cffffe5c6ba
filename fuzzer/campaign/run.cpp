#include "fuzzer/campaign/run.h"

#include <fmt/format.h>

#include "fuzzer/child/trinity_main.h"
#include "fuzzer/prog/recorder.h"
#include "simkernel/kernel.h"
#include "simkernel/sched/sched_policy.h"

namespace simtrinity {

namespace {
constexpr uint64_t kStuckSecs = 30;  // virtual seconds without a new call
}  // namespace

uint64_t run_seed(uint64_t campaign_seed, uint64_t index) {
  uint64_t s = campaign_seed ^ (index * 0xd1b54a32d192ed03ULL);
  uint64_t a = sk::splitmix64(s);
  return a ^ sk::splitmix64(s);
}

RunResult run_one(const RunOptions& o, uint64_t index, uint64_t seed, uint64_t budget, RunRecording* rec) {
  RunResult res;
  res.index = index;
  res.seed = seed;
  res.budget = budget;
  uint64_t st = seed;
  sk::Prng rng(sk::splitmix64(st));

  std::vector<std::unique_ptr<Child>> children;
  std::vector<std::unique_ptr<prog::ChildRecorder>> recorders;
  for (int i = 0; i < o.children; i++) {
    bool netns = rng.below(100) < o.netns_child_pct;
    uint64_t cs = rng.next();
    children.push_back(std::make_unique<Child>(
        i, cs, netns, i < static_cast<int>(o.child_logs.size()) ? o.child_logs[i] : nullptr));
    if (rec) {
      recorders.push_back(std::make_unique<prog::ChildRecorder>(i, netns));
      children.back()->set_recorder(recorders.back().get());
    }
  }

  sk::KernelOptions ko;
  ko.profile = o.kernel;
  ko.seed = seed;
  ko.victim = o.victim;
  if (o.scheduler == "rr")
    ko.policy = std::make_unique<sk::RoundRobinPolicy>();
  else
    ko.policy = std::make_unique<sk::RandomPolicy>(rng.next());
  sk::RecordingPolicy* recording = nullptr;
  if (rec) {
    auto rp = std::make_unique<sk::RecordingPolicy>(std::move(ko.policy));
    recording = rp.get();
    ko.policy = std::move(rp);
  }
  auto k = std::make_unique<sk::Kernel>(std::move(ko));

  RunShared sh{*k, {}, {}, 0, 0, 0, {}, {}, index, {}};
  sh.pool = o.pool;
  sh.budget = budget;
  sh.start_fds = {"/proc/self/net/stat", "/proc/1/net", "/tmp", o.victim, "/dev/null", "/proc/self/ns/net"};

  k->set_report_handler([&](const sk::Report& r) {
    RunFinding f;
    f.report = r;
    for (const auto& c : children) f.rings += c->format_ring();
    f.rings += sh.watchdog_notes;
    f.at_syscall = sh.made;
    res.findings.push_back(std::move(f));
  });

  k->spawn("trinity-main", [&] {
    std::vector<ChildBody> bodies = child_loops(children, sh);
    // Trinity's watchdog: after every virtual second, note a child that
    // makes no progress (the kernel's detectors say why).
    std::vector<uint64_t> last_seq(children.size(), 0), still(children.size(), 0);
    auto watch = [&] {
      for (size_t i = 0; i < children.size(); i++) {
        const Child& c = *children[i];
        if (c.seq() != last_seq[i] || c.finished()) {
          last_seq[i] = c.seq();
          still[i] = 0;
        } else if (++still[i] == kStuckSecs) {
          sh.watchdog_notes += fmt::format("trinity-main: child{} (pid {}) made no progress for {} s at op {}\n",
                                           c.index(), c.pid(), kStuckSecs, c.seq());
        }
      }
      return true;
    };
    trinity_main(*k, file_list_roots(o.victim), &sh.files, std::move(bodies), [&] { return sh.live_children == 0; },
                 watch);
  });
  k->run();
  res.syscalls = sh.made;
  res.stats = sh.stats;
  res.virt_ns = k->now_ns();
  if (rec) {
    rec->choices = recording->choices();
    for (const auto& r : recorders) rec->children.push_back(r->child());
  }
  k.reset();  // unwinds the fibers while the children still exist
  return res;
}

}  // namespace simtrinity
