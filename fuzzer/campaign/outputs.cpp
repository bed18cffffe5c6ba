#include "fuzzer/campaign/outputs.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "fuzzer/util/interrupt.h"

namespace fs = std::filesystem;

namespace simtrinity {

void print_stats(const CampaignResult& r, FILE* out) {
  std::fprintf(out, "%-12s %10s %10s  %s\n", "syscall", "calls", "ok", "errno histogram");
  for (const auto& e : syscall_table()) {
    const SysCounts& c = r.stats[static_cast<size_t>(e.nr)];
    if (!c.calls) continue;
    std::vector<std::pair<uint64_t, int>> h;
    for (int i = 0; i <= kErrnoMax; i++)
      if (c.errnos[i]) h.push_back({c.errnos[i], i});
    std::sort(h.begin(), h.end(), [](auto a, auto b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    std::string hs;
    for (auto [n, err] : h) hs += fmt::format("{}{}:{}", hs.empty() ? "" : " ", err == kErrnoMax ? "other" : errno_name(err), n);
    std::fprintf(out, "%-12s %10llu %10llu  %s\n", e.name, static_cast<unsigned long long>(c.calls),
                 static_cast<unsigned long long>(c.ok), hs.c_str());
  }
  std::fprintf(out, "runs %llu, syscalls %llu, virtual time %.3f s, findings %zu unique (%d new)\n",
               static_cast<unsigned long long>(r.runs), static_cast<unsigned long long>(r.syscalls),
               static_cast<double>(r.virt_ns) / 1e9, r.findings.size(), r.new_findings);
}

std::string seed_hex(uint64_t seed) { return fmt::format("{:#x}", seed); }

nlohmann::json finding_json(const RunFlags& flags, const Finding& f) {
  return {{"schema_version", kJsonSchemaVersion},
          {"title", f.title},
          {"id", f.id},
          {"kind", f.kind},
          {"kernel", flags.kernel},
          {"seed", seed_hex(flags.seed)},
          {"signature", f.signature},
          {"first_seen", {{"run", f.first_run}, {"run_seed", seed_hex(f.first_run_seed)},
                          {"run_syscall", f.first_at_run_syscall}, {"campaign_syscall", f.first_at_total_syscall}}},
          {"count", f.count},
          {"fatal", f.fatal},
          {"suppressed", f.suppressed},
          {"new", !f.suppressed}};
}

std::string summary_json(const CampaignOptions& o, const CampaignResult& r) {
  const RunFlags& fl = o.flags;
  nlohmann::json j;
  j["schema_version"] = kJsonSchemaVersion;
  j["kernel"] = fl.kernel;
  j["seed"] = seed_hex(fl.seed);
  j["children"] = fl.children;
  j["jobs"] = fl.jobs;
  j["runs"] = r.runs;
  j["syscalls"] = r.syscalls;
  j["elapsed_s"] = r.wall_secs;
  j["syscalls_per_s"] = r.wall_secs > 0 ? static_cast<double>(r.syscalls) / r.wall_secs : 0.0;
  j["exit_code"] = r.exit_code;
  j["interrupted"] = r.signal ? nlohmann::json(util::signal_name(r.signal)) : nlohmann::json(nullptr);
  j["findings"] = nlohmann::json::array();
  for (const auto& f : r.findings) {
    auto fj = finding_json(fl, f);
    fj["dir"] = fl.out.empty() ? "" : (fs::path(fl.out) / f.dir).string();
    j["findings"].push_back(fj);
  }
  j["stats"] = stats_json(r.stats);
  // Paths come from the command line, in any bytes: invalid UTF-8 becomes
  // U+FFFD instead of an exception out of the writer.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::json stats_json(const SysStats& stats) {
  nlohmann::json st = nlohmann::json::object();
  for (const auto& e : syscall_table()) {
    const SysCounts& c = stats[static_cast<size_t>(e.nr)];
    if (!c.calls) continue;
    nlohmann::json h = nlohmann::json::object();
    for (int i = 0; i <= kErrnoMax; i++)
      if (c.errnos[i]) h[i == kErrnoMax ? "other" : errno_name(i)] = c.errnos[i];
    st[e.name] = {{"calls", c.calls}, {"ok", c.ok}, {"errnos", h}};
  }
  return st;
}

bool stats_from_json(const nlohmann::json& j, SysStats& stats) {
  if (!j.is_object()) return false;
  for (const auto& [name, c] : j.items()) {
    const SyscallEntry* e = find_syscall(name);
    if (!e || !c.is_object() || !c.contains("calls") || !c.contains("ok") || !c.contains("errnos")) return false;
    SysCounts& sc = stats[static_cast<size_t>(e->nr)];
    if (!c["calls"].is_number_unsigned() || !c["ok"].is_number_unsigned() || !c["errnos"].is_object()) return false;
    sc.calls = c["calls"].get<uint64_t>();
    sc.ok = c["ok"].get<uint64_t>();
    for (const auto& [err, n] : c["errnos"].items()) {
      int i = 0;
      while (i < kErrnoMax && errno_name(i) != err) i++;
      if ((i == kErrnoMax && err != "other") || !n.is_number_unsigned()) return false;
      sc.errnos[i] = n.get<uint64_t>();
    }
  }
  return true;
}

}  // namespace simtrinity
