#include "fuzzer/campaign/campaign.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "fuzzer/campaign/progress.h"
#include "fuzzer/campaign/run_queue.h"
#include "fuzzer/campaign/shard.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/interrupt.h"

namespace simtrinity {

namespace {

// How runs spend the campaign's syscall budget (-N): every run is given
// --run-length (or the whole budget, when that is less), and runs follow one
// another until -N syscalls have been executed, so a run that a deadlock
// cuts short is followed by the next. The run that would go past the budget
// is run again with what is left: what a run does depends only on its index,
// seed and budget, so the campaign stays the same whatever the timing.
// --only-run is that one run, at full length. --runs R ends the campaign
// after R runs; --shard I/N makes this process's i-th run the campaign's
// run I + i*N, of those R (shard.h).
struct Budget {
  const RunFlags& f;
  const Shard shard = campaign_shard(f);
  uint64_t runs() const { return f.only_run ? 1 : f.runs ? shard.share(f.runs) : UINT64_MAX; }
  uint64_t of_run() const { return f.only_run || !f.syscalls ? f.run_length : std::min(f.run_length, f.syscalls); }
  uint64_t index(uint64_t i) const { return f.only_run ? *f.only_run : shard.campaign_run(i); }
};

}  // namespace

CampaignResult run_campaign(const CampaignOptions& o, FILE* out) {
  const RunFlags& fl = o.flags;
  const Budget budget{fl};
  const bool stop_on_first = stops_on_first(fl);
  const util::Diag diag("run");
  Progress progress(fl.quiet, o.progress_secs);
  FindingSet findings(o);
  CampaignResult res;
  // SIGINT/SIGTERM: no run starts, the running ones end at their next
  // syscall (RunPlan::interrupt), and what they found is merged and saved.
  auto interrupted = [&] { return o.interrupt && o.interrupt->load() != 0; };
  bool told = false;
  auto tell = [&] {
    if (told || !interrupted()) return;
    told = true;
    progress.clear();
    diag.note(fmt::format("simtrinity run: {}: ending the runs and writing the outputs (again to quit at once)",
                          util::signal_name(o.interrupt->load())));
  };

  // With -N the run whose syscalls, in run order, reach the budget is the
  // last: the queue is told as runs end, so that no worker starts a run past
  // it. Such a run would never be merged, but its calls would reach the
  // observers (--log, tests' CallObservers) or not depending on timing.
  std::mutex spent_mu;
  std::map<uint64_t, uint64_t> ended;  // run index -> what it spends, not yet counted in order
  uint64_t counted = 0, spent_in_order = 0;
  auto reaches_budget = [&](const RunResult& r) {
    if (!fl.syscalls || fl.only_run) return false;
    std::lock_guard lk(spent_mu);
    ended[r.index] = std::max<uint64_t>(1, r.outcome.syscalls);
    // Only the run that reaches it says so: with --jobs, a run ending before
    // an earlier one may complete the count, and the runs up to that earlier
    // one must still be merged (the merge loop stops the queue then).
    for (auto it = ended.find(budget.index(counted)); it != ended.end(); it = ended.find(budget.index(counted))) {
      spent_in_order += it->second;
      uint64_t index = it->first;
      ended.erase(it);
      counted++;
      if (spent_in_order >= fl.syscalls) return index == r.index;
    }
    return false;
  };

  RunQueue queue(
      fl.jobs, budget.runs(),
      [&](uint64_t i) {
        uint64_t idx = budget.index(i);
        return run_one(o, idx, run_seed(fl.seed, idx), budget.of_run());
      },
      // Wall time only decides how many runs start, never what a run does.
      [&] { return !(fl.time > 0 && progress.elapsed() >= fl.time) && !interrupted(); },
      // With --stop-on-first the first run with a fatal report (new or
      // known: a campaign whose only bug is known must still end) is the
      // last; the merge below stops there too.
      [&](const RunResult& r) { return (stop_on_first && r.outcome.has_fatal()) || reaches_budget(r); });
  auto counts = [&] {
    ProgressCounts c{res.runs, queue.syscalls_done(), 0, findings.all().size()};
    for (const auto& f : findings.all()) c.findings += f.count;
    return c;
  };

  // Toward -N a run counts at least one syscall, so a kernel that deadlocks
  // before any call still ends the campaign.
  uint64_t spent = 0;
  while (auto r = queue.next([&] {
    tell();
    progress.tick(counts());
  })) {
    tell();
    if (fl.syscalls && !fl.only_run && r->outcome.syscalls > fl.syscalls - spent)
      r = run_one(o, r->index, r->seed, fl.syscalls - spent);
    res.runs++;
    add_stats(res.stats, r->outcome.stats);
    bool stop = stop_on_first && r->outcome.has_fatal();
    for (const auto& rf : r->outcome.findings)
      res.sightings.push_back({res.syscalls + rf.at_syscall, r->index, rf.at_syscall, rf.id.bucket});
    for (size_t i : findings.merge(*r, res.syscalls)) {
      const Finding& f = findings.all()[i];
      if (!f.suppressed) {
        res.new_findings++;
      }
      progress.clear();
      std::fprintf(out, "=== %s finding: %s (%s) -- run %llu, run seed %#018llx, after %llu syscalls ===\n",
                   f.suppressed ? "known" : "new", f.title.c_str(), f.kind.c_str(),
                   static_cast<unsigned long long>(r->index), static_cast<unsigned long long>(r->seed),
                   static_cast<unsigned long long>(f.first_at_total_syscall));
      std::fputs(f.text.c_str(), out);
      std::fputs("\n", out);
      std::fflush(out);
      if (!findings.save(i, *r)) {
        res.save_failed = true;
        diag.error(fmt::format("cannot save finding {} under {}", f.dir, fl.out));
      }
    }
    res.syscalls += r->outcome.syscalls;
    res.run_syscalls.push_back(r->outcome.syscalls);
    res.virt_ns += r->outcome.virt_ns;
    spent += std::max<uint64_t>(1, r->outcome.syscalls);
    if (fl.syscalls && !fl.only_run && spent >= fl.syscalls) stop = true;
    if (stop) {
      queue.stop();
      break;
    }
  }
  queue.stop();
  res.wall_secs = progress.elapsed();
  if (!findings.save_counts()) res.save_failed = true;
  progress.finish(counts());
  res.findings = findings.take();
  res.signal = o.interrupt ? o.interrupt->load() : 0;
  res.exit_code = exit_status(res);
  return res;
}

int exit_status(const CampaignResult& r) {
  // A signal's status says the campaign was cut short (util/interrupt.h); a
  // finding that could not be saved fails it louder than one that was: CI
  // must not read "found, here it is" when it is not there.
  return r.signal        ? util::interrupt_status(r.signal)
         : r.save_failed ? util::kExitUsage
         : std::any_of(r.findings.begin(), r.findings.end(), fails_campaign) ? util::kExitFound
                                                                             : util::kExitClean;
}

}  // namespace simtrinity
