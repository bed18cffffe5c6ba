#include "fuzzer/campaign/shard_record.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "fuzzer/campaign/outputs.h"
#include "fuzzer/util/version.h"

namespace fs = std::filesystem;

namespace simtrinity {

namespace {

using nlohmann::json;

std::string key_of(std::string_view names) { return std::string(long_name(names).substr(2)); }

json report_json(const sk::Report& r) {
  return {{"detector", r.detector}, {"fatal", r.fatal},   {"tasks", r.tasks},
          {"locks", r.locks},       {"traces", r.traces}, {"trace_sources", r.trace_sources}};
}

sk::Report report_of(const json& j) {
  sk::Report r;
  r.detector = j.at("detector").get<std::string>();
  r.fatal = j.at("fatal").get<bool>();
  r.tasks = j.at("tasks").get<std::vector<sk::pid_t>>();
  r.locks = j.at("locks").get<std::vector<std::string>>();
  r.traces = j.at("traces").get<std::vector<std::vector<std::string>>>();
  r.trace_sources = j.at("trace_sources").get<std::vector<std::vector<std::string>>>();
  return r;
}

Finding finding_of(const json& j) {
  Finding f;
  f.title = j.at("title").get<std::string>();
  f.kind = j.at("kind").get<std::string>();
  f.signature = j.at("signature").get<std::string>();
  f.id = j.at("id").get<std::string>();
  f.dir = j.at("dir").get<std::string>();
  f.count = j.at("count").get<uint64_t>();
  f.fatal = j.at("fatal").get<bool>();
  f.suppressed = j.at("suppressed").get<bool>();
  const json& first = j.at("first_seen");
  f.first_run = first.at("run").get<uint64_t>();
  if (!parse_flag_number(first.at("run_seed").get<std::string>(), f.first_run_seed))  // seed_hex()
    throw std::runtime_error(fmt::format("finding {} has a bad run_seed", f.title));
  f.first_at_run_syscall = first.at("run_syscall").get<uint64_t>();
  f.anchor = j.at("anchor").get<std::string>();
  f.report = report_of(j.at("report"));
  // A folder name from the file must stay one folder inside the shard's.
  if (f.dir.empty() || f.dir.find('/') != std::string::npos || f.dir == "." || f.dir == "..")
    throw std::runtime_error(fmt::format("finding {} has a bad folder name '{}'", f.id, f.dir));
  return f;
}

}  // namespace

json run_flags_json(const RunFlags& f) {
  json j = json::object();
  for_each_run_flag(f, [&](std::string_view names, std::string_view, bool, const auto& v) {
    if constexpr (requires { v.has_value(); }) {
      if (v) j[key_of(names)] = *v;
    } else {
      j[key_of(names)] = v;
    }
  });
  return j;
}

std::string run_flags_from_json(const json& j, RunFlags& f) {
  std::string bad;
  if (!j.is_object()) return "flags are not an object";
  for_each_run_flag(f, [&](std::string_view names, std::string_view, bool, auto& v) {
    using T = std::decay_t<decltype(v)>;
    const std::string key = key_of(names);
    if (!bad.empty() || !j.contains(key)) return;
    try {
      if constexpr (requires { v.has_value(); })
        v = j[key].template get<typename T::value_type>();
      else
        v = j[key].template get<T>();
    } catch (const json::exception&) {
      bad = fmt::format("flag {} is not a {}", key, std::is_same_v<T, std::string> ? "string" : "value of its type");
    }
  });
  return bad;
}

std::string shard_json(const CampaignOptions& o, const CampaignResult& r) {
  const Shard shard = campaign_shard(o.flags);
  json j;
  j["simtrinity"] = std::string(util::kVersion);
  j["shard"] = {{"index", shard.index}, {"count", shard.count}};
  j["flags"] = run_flags_json(o.flags);
  j["runs"] = r.runs;
  j["syscalls"] = r.syscalls;
  j["virt_ns"] = r.virt_ns;
  j["elapsed_s"] = r.wall_secs;
  j["save_failed"] = r.save_failed;
  j["signal"] = r.signal;  // SIGINT/SIGTERM cut the shard short (merge then refuses it)
  // This shard's runs in order: run index + i*count.
  j["run_syscalls"] = r.run_syscalls;
  json reports = json::array();
  for (const auto& s : r.sightings) reports.push_back({s.run, s.run_syscall, s.id});
  j["reports"] = std::move(reports);
  json findings = json::array();
  for (const auto& f : r.findings) {
    json fj = finding_json(o.flags, f);
    fj["dir"] = f.dir;
    fj["fatal"] = f.fatal;
    fj["anchor"] = f.anchor;
    fj["report"] = report_json(f.report);
    findings.push_back(std::move(fj));
  }
  j["findings"] = std::move(findings);
  j["stats"] = stats_json(r.stats);
  return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string read_shard(const std::string& dir, ShardRecord& rec) {
  const fs::path path = fs::path(dir) / kShardFile;
  std::ifstream is(path, std::ios::binary);
  if (!is) return fmt::format("{}: cannot read it (not the -o folder of a run --shard?)", path.string());
  std::stringstream ss;
  ss << is.rdbuf();
  rec.dir = dir;
  try {
    const json j = json::parse(ss.str());
    rec.version = j.at("simtrinity").get<std::string>();
    rec.shard.index = j.at("shard").at("index").get<uint64_t>();
    rec.shard.count = j.at("shard").at("count").get<uint64_t>();
    if (rec.shard.count == 0 || rec.shard.index >= rec.shard.count)
      return fmt::format("{}: bad shard {}/{}", path.string(), rec.shard.index, rec.shard.count);
    if (auto e = run_flags_from_json(j.at("flags"), rec.flags); !e.empty()) return fmt::format("{}: {}", path.string(), e);
    // Flags `run` itself would refuse (a file written by hand, or damaged).
    if (auto e = check_run_flags(rec.flags); !e.empty()) return fmt::format("{}: {}", path.string(), e);
    if (campaign_shard(rec.flags).index != rec.shard.index || campaign_shard(rec.flags).count != rec.shard.count)
      return fmt::format("{}: shard {}/{} ran with --shard '{}'", path.string(), rec.shard.index, rec.shard.count,
                         rec.flags.shard);
    CampaignResult& r = rec.result;
    r.runs = j.at("runs").get<uint64_t>();
    r.syscalls = j.at("syscalls").get<uint64_t>();
    r.virt_ns = j.at("virt_ns").get<uint64_t>();
    r.wall_secs = j.at("elapsed_s").get<double>();
    r.save_failed = j.at("save_failed").get<bool>();
    r.signal = j.at("signal").get<int>();
    r.run_syscalls = j.at("run_syscalls").get<std::vector<uint64_t>>();
    for (const auto& s : j.at("reports")) {
      Sighting si;
      si.run = s.at(0).get<uint64_t>();
      si.run_syscall = s.at(1).get<uint64_t>();
      si.id = s.at(2).get<std::string>();
      r.sightings.push_back(std::move(si));
    }
    for (const auto& f : j.at("findings")) r.findings.push_back(finding_of(f));
    if (!stats_from_json(j.at("stats"), r.stats)) return fmt::format("{}: bad stats", path.string());
  } catch (const std::exception& e) {
    return fmt::format("{}: not a shard record: {}", path.string(), e.what());
  }
  return {};
}

}  // namespace simtrinity
