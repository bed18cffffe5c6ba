#include "fuzzer/campaign/findings.h"

#include <filesystem>

#include <fmt/format.h>

#include "fuzzer/campaign/outputs.h"
#include "fuzzer/util/atomic_write.h"

namespace fs = std::filesystem;

namespace simtrinity {

std::vector<size_t> FindingSet::merge(const RunResult& r, uint64_t before) {
  std::vector<size_t> first;
  for (const auto& rf : r.outcome.findings) {
    bool seen = false;
    for (auto& f : findings_)
      if (f.id == rf.id.bucket) {
        f.count++;
        seen = true;
        break;
      }
    if (seen) continue;
    Finding f;
    f.title = rf.id.title;
    f.kind = rf.id.kind;
    f.signature = rf.id.signature;
    f.id = rf.id.bucket;
    f.dir = rf.id.dir;
    f.count = 1;
    f.fatal = rf.id.fatal;
    f.suppressed = o_.known.matches(f.title, f.id, f.signature);
    f.first_run = r.index;
    f.first_run_seed = r.seed;
    f.first_at_run_syscall = rf.at_syscall;
    f.first_at_total_syscall = before + rf.at_syscall;
    f.anchor = rf.id.anchor;
    f.report = rf.report;
    f.text = rf.report.text;
    if (!f.text.empty() && f.text.back() != '\n') f.text += "\n";
    f.text += fmt::format("\n{}\n{}", kRingsHeading, rf.rings);
    first.push_back(findings_.size());
    findings_.push_back(std::move(f));
  }
  return first;
}

bool FindingSet::save(size_t i, const RunResult& r) {
  if (o_.flags.out.empty()) return true;
  if (recorded_run_ != r.index) {
    RunPlan plan = campaign_run_plan(o_, r.index, r.seed, r.budget);
    plan.observers.clear();  // the run again, recorded: not logged twice
    plan.interrupt = nullptr;  // and whole: a reproducer cut short by SIGINT would not reproduce
    plan.record = true;
    recording_ = *run_harness(std::move(plan)).recording;
    recorded_run_ = r.index;
  }
  Finding& f = findings_[i];
  f.repro = repro_text(o_.flags, f, recording_);
  return write(f);
}

bool FindingSet::save_counts() {
  bool ok = true;
  if (o_.flags.out.empty()) return ok;
  for (const auto& f : findings_)
    if (f.count > 1) ok = write(f) && ok;
  return ok;
}

bool FindingSet::write(const Finding& f) { return write_finding_folder(o_.flags.out, o_.flags, f); }

bool write_finding_folder(const std::string& out, const RunFlags& flags, const Finding& f) {
  util::AtomicDir d((fs::path(out) / f.dir).string());
  return d.put("report.txt", f.text) && d.put("repro.prog", f.repro) &&
         d.put("meta.json", finding_json(flags, f).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n") && d.commit();
}

std::string repro_text(const RunFlags& flags, const Finding& f, const prog::Program& recording) {
  RunFlags run = flags;
  run.only_run = f.first_run;
  prog::Program p = recording;
  p.header = {
      fmt::format(" simtrinity finding: {}", f.title),
      fmt::format(" kind {}, kernel {}, campaign seed {}, run {} (run seed {:#018x}), after {} syscalls of that run",
                  f.kind, flags.kernel, flags.seed, f.first_run, f.first_run_seed, f.first_at_run_syscall),
      fmt::format(" the run: simtrinity run {}", replay_args(run)),
      " replay: simtrinity repro repro.prog    shrink: simtrinity minimize repro.prog -o min.prog",
  };
  return prog::print(p);
}

}  // namespace simtrinity
