#include "fuzzer/prog/exec.h"

#include <array>
#include <memory>

#include <fmt/format.h>

#include "fuzzer/child/trinity_main.h"
#include "fuzzer/generate/file_list.h"
#include "report/describe.h"
#include "simkernel/kernel.h"
#include "simkernel/sched/sched_policy.h"

namespace simtrinity::prog {

const sk::Report* ExecResult::primary() const {
  for (const auto& r : reports)
    if (r.fatal) return &r;
  return reports.empty() ? nullptr : &reports.front();
}

bool ExecResult::has_title(const std::string& t) const {
  for (const auto& r : reports)
    if (report::describe(r).title == t) return true;
  return false;
}

namespace {

constexpr size_t kRing = 16;

struct ChildState {
  const ProgChild* pc;
  int pid = 0;
  uint64_t seq = 0;
  std::array<Call, kRing> ring;
  std::array<long, kRing> ret{};
  std::array<bool, kRing> done{};
  alignas(16) char buf[kUserBuf];
};

}  // namespace

ExecResult execute(const Program& p, const ExecOptions& o) {
  ExecResult res;
  res.kernel = o.kernel ? *o.kernel : p.kernel;
  sk::KernelOptions ko;
  ko.profile = res.kernel;
  ko.victim = o.victim;
  ko.watchdog_opts = watchdog_options(p.detect);
  switch (p.schedule.kind) {
    case Schedule::Kind::random:
      ko.seed = p.schedule.seed;
      ko.policy = std::make_unique<sk::RandomPolicy>(p.schedule.seed);
      break;
    case Schedule::Kind::rr: ko.policy = std::make_unique<sk::RoundRobinPolicy>(p.schedule.quantum); break;
    case Schedule::Kind::replay: ko.policy = std::make_unique<sk::ReplayPolicy>(p.schedule.choices); break;
  }
  std::vector<std::unique_ptr<ChildState>> states;
  for (const auto& c : p.children) {
    states.push_back(std::make_unique<ChildState>());
    states.back()->pc = &c;
  }
  auto k = std::make_unique<sk::Kernel>(std::move(ko));
  k->set_report_handler([&](const sk::Report& r) { res.reports.push_back(r); });
  int live = 0;

  auto child_body = [&](ChildState& st) {
    sk::Kernel& kk = *k;
    st.pid = sk::current_task()->pid;
    if (st.pc->new_netns) kk.sys_unshare(CLONE_NEWNET);
    std::vector<long> results;
    for (const ProgCall& pc : st.pc->calls) {
      if (kk.stop_requested()) break;
      size_t slot = st.seq % kRing;
      Call& c = st.ring[slot];
      c.e = pc.e;
      for (size_t i = 0; i < pc.args.size(); i++) {
        const Arg& a = pc.args[i];
        c.s[i].clear();
        c.v[i] = 0;
        if (a.kind == Arg::Kind::str)
          c.s[i] = a.s;
        else if (a.kind == Arg::Kind::ref)
          c.v[i] = static_cast<size_t>(a.ref) < results.size() ? results[static_cast<size_t>(a.ref)] : -1;
        else
          c.v[i] = a.v;
      }
      st.done[slot] = false;
      st.seq++;
      res.calls++;
      long ret = invoke(kk, c, st.buf);
      st.ret[slot] = ret;
      st.done[slot] = true;
      if (pc.result >= 0) {
        if (results.size() <= static_cast<size_t>(pc.result)) results.resize(static_cast<size_t>(pc.result) + 1, -1);
        results[static_cast<size_t>(pc.result)] = ret;
      }
    }
    live--;
  };

  k->spawn("trinity-main", [&] {
    std::vector<ChildBody> bodies;
    for (auto& st : states) {
      live++;
      ChildState* sp = st.get();
      bodies.push_back({sp->pc->index, [sp, &child_body] { child_body(*sp); }});
    }
    // As in `run`; but with detectors off nothing may ever end a stuck child,
    // so trinity-main gives up after an hour of virtual time.
    int naps = 0;
    trinity_main(*k, file_list_roots(o.victim), nullptr, std::move(bodies), [&] { return live == 0; },
                 [&] { return ++naps < 3600; });
  });
  k->run();
  for (const auto& st : states) {
    uint64_t first = st->seq > kRing ? st->seq - kRing : 0;
    for (uint64_t s = first; s < st->seq; s++) {
      size_t slot = s % kRing;
      res.rings += fmt::format("[child{}:{}] [{}] {}{}\n", st->pc->index, st->pid, s, format_call(st->ring[slot]),
                               format_result(st->ret[slot], st->done[slot]));
    }
  }
  k.reset();  // unwinds the fibers while the states still exist
  return res;
}

}  // namespace simtrinity::prog
