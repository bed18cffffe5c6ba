#include "fuzzer/campaign/merge.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fuzzer/campaign/shard_record.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/input_files.h"
#include "fuzzer/util/interrupt.h"

namespace fs = std::filesystem;

namespace simtrinity {

namespace {

// The flags that make two shards parts of one campaign: those that change
// what a run does (run_flags.def's "replayed" column) and the campaign's
// size. The first that differs, as "--seed 1 and 2", else "".
std::string campaign_difference(const RunFlags& a, const RunFlags& b) {
  const nlohmann::json ja = run_flags_json(a), jb = run_flags_json(b);
  std::string diff;
  for_each_run_flag(a, [&](std::string_view names, std::string_view, bool replayed, const auto&) {
    const std::string name(long_name(names));
    if (!diff.empty() || !(replayed || name == "--runs")) return;
    const std::string key = name.substr(2);
    const nlohmann::json none;
    const auto& va = ja.contains(key) ? ja[key] : none;
    const auto& vb = jb.contains(key) ? jb[key] : none;
    if (va != vb) diff = fmt::format("{} {} and {}", name, va.dump(), vb.dump());
  });
  return diff;
}

std::string same_place(const std::string& a, const std::string& b) {
  std::error_code ec1, ec2;
  return fs::weakly_canonical(a, ec1) == fs::weakly_canonical(b, ec2) && !ec1 && !ec2 ? b : "";
}

}  // namespace

std::string merge_shards(const std::vector<std::string>& dirs, const std::string& out, Merged& m) {
  if (dirs.empty()) return "no shard folders given";
  std::vector<ShardRecord> recs(dirs.size());
  for (size_t i = 0; i < dirs.size(); i++) {
    if (!same_place(out, dirs[i]).empty())
      return fmt::format("-o {} is shard folder {}: merge into a folder of its own", out, dirs[i]);
    if (auto e = read_shard(dirs[i], recs[i]); !e.empty()) return e;
  }
  const ShardRecord& first = recs[0];
  const uint64_t n = first.shard.count;
  for (const auto& r : recs) {
    if (r.shard.count != n)
      return fmt::format("{} is shard {} and {} is shard {}: not parts of one split", first.dir, first.shard.text(), r.dir,
                         r.shard.text());
    if (r.version != first.version)
      return fmt::format("{} was made by simtrinity {} and {} by {}: merge shards of one build", first.dir,
                         first.version, r.dir, r.version);
    if (auto d = campaign_difference(first.flags, r.flags); !d.empty())
      return fmt::format("{} and {} are shards of different campaigns ({})", first.dir, r.dir, d);
  }
  std::sort(recs.begin(), recs.end(), [](const auto& a, const auto& b) { return a.shard.index < b.shard.index; });
  for (size_t i = 1; i < recs.size(); i++)
    if (recs[i].shard.index == recs[i - 1].shard.index)
      return fmt::format("{} and {} are both shard {}", recs[i - 1].dir, recs[i].dir, recs[i].shard.text());
  if (recs.size() != n) {
    std::string missing;
    size_t listed = 0;
    for (uint64_t i = 0, k = 0; i < n && listed < 8; i++) {
      if (k < recs.size() && recs[k].shard.index == i) {
        k++;
        continue;
      }
      missing += fmt::format("{}{}/{}", missing.empty() ? "" : ", ", i, n);
      listed++;
    }
    return fmt::format("{} of {} shards given; missing: {}{}", recs.size(), n, missing,
                       n - recs.size() > listed ? ", ..." : "");
  }

  // Every run's syscalls, in campaign order, and the campaign's syscalls before each.
  // (Checked before anything is sized by --runs: the records hold every run.)
  const uint64_t runs = first.flags.runs;
  for (const auto& r : recs)
    if (r.result.run_syscalls.size() != r.shard.share(runs) || r.result.runs != r.result.run_syscalls.size())
      return fmt::format("{}: shard {} made {} of its {} runs{}", r.dir, r.shard.text(), r.result.run_syscalls.size(),
                         r.shard.share(runs),
                         r.result.signal ? " (" + util::signal_name(r.result.signal) + " ended it: run it again)" : "");
  std::vector<uint64_t> before(runs + 1, 0);
  {
    std::vector<uint64_t> of_run(runs, 0);
    for (const auto& r : recs)
      for (size_t i = 0; i < r.result.run_syscalls.size(); i++) of_run[r.shard.campaign_run(i)] = r.result.run_syscalls[i];
    for (uint64_t i = 0; i < runs; i++) before[i + 1] = before[i] + of_run[i];
  }

  CampaignResult& res = m.result;
  std::vector<std::pair<const ShardRecord*, Sighting>> all;
  for (const auto& r : recs) {
    res.syscalls += r.result.syscalls;
    res.virt_ns += r.result.virt_ns;
    res.wall_secs = std::max(res.wall_secs, r.result.wall_secs);
    res.save_failed = res.save_failed || r.result.save_failed;
    add_stats(res.stats, r.result.stats);
    for (const auto& s : r.result.sightings) {
      if (s.run >= runs || !r.shard.owns(s.run))
        return fmt::format("{}: a report of run {}, which is not shard {}'s", r.dir, s.run, r.shard.text());
      all.push_back({&r, s});
    }
  }
  res.runs = runs;
  // A run is one shard's, so ordering by run keeps each run's reports in the order its kernel made them.
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second.run < b.second.run; });
  std::map<std::string, size_t> index_of;
  for (auto& entry : all) {
    const ShardRecord* rec = entry.first;
    Sighting& s = entry.second;
    s.campaign_syscall = before[s.run] + s.run_syscall;
    res.sightings.push_back(s);
    if (auto it = index_of.find(s.id); it != index_of.end()) {
      res.findings[it->second].count++;
      continue;
    }
    auto f = std::find_if(rec->result.findings.begin(), rec->result.findings.end(),
                          [&](const Finding& x) { return x.id == s.id; });
    if (f == rec->result.findings.end() || f->first_run != s.run)
      return fmt::format("{}: report {} of run {} is not among its findings", rec->dir, s.id, s.run);
    Finding g = *f;
    g.count = 1;
    g.first_at_total_syscall = before[g.first_run] + g.first_at_run_syscall;
    const fs::path folder = fs::path(rec->dir) / g.dir;
    std::string error;
    if (!util::read_file((folder / "report.txt").string(), g.text, error) ||
        !util::read_file((folder / "repro.prog").string(), g.repro, error))
      return error;
    index_of[g.id] = res.findings.size();
    res.findings.push_back(std::move(g));
  }
  for (const auto& f : res.findings)
    if (!f.suppressed) res.new_findings++;
  res.exit_code = exit_status(res);
  for (uint64_t i = 0; i < runs; i++) res.run_syscalls.push_back(before[i + 1] - before[i]);

  RunFlags& fl = m.options.flags;
  fl = recs[0].flags;
  fl.shard.clear();
  fl.out = out;
  fl.json.clear();
  fl.junit.clear();
  fl.sarif.clear();
  fl.html.clear();
  fl.log.clear();
  uint64_t jobs = 0;
  for (const auto& r : recs) jobs += static_cast<uint64_t>(std::max(0, r.flags.jobs));
  fl.jobs = static_cast<int>(std::min<uint64_t>(jobs, INT32_MAX));
  for (const auto& r : recs) m.shard_dirs.push_back(r.dir);
  return {};
}

}  // namespace simtrinity
