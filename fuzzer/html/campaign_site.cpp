#include "fuzzer/html/campaign_site.h"

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "fuzzer/child/child.h"
#include "fuzzer/html/lock_graph_dot.h"
#include "simkernel/profiles.h"

namespace fs = std::filesystem;

namespace simtrinity::html {
namespace {

constexpr std::size_t kMaxOthers = 100;  // sightings listed on a bug's page

std::string seen(uint64_t run, uint64_t syscall) { return fmt::format("run {}, syscall {}", run, syscall); }

}  // namespace

Site campaign_site(const CampaignOptions& o, const CampaignResult& r, const std::string& dir) {
  const RunFlags& fl = o.flags;
  const auto* prof = sk::find_profile(fl.kernel);
  const std::string kernel = prof ? fmt::format("{} ({})", prof->name, prof->release) : fl.kernel;
  Site site;
  site.heading = fmt::format("simtrinity run: kernel {}, seed {}", fl.kernel, fl.seed);
  site.summary = {
      {"Kernel", kernel},
      {"Campaign", fmt::format("simtrinity run {}", replay_args(fl))},
      {"Runs", fmt::format("{}", r.runs)},
      {"Syscalls", fmt::format("{}", r.syscalls)},
      {"Virtual time", fmt::format("{:.3f} s", static_cast<double>(r.virt_ns) / 1e9)},
      {"Findings", fmt::format("{} unique ({} new), {} reports", r.findings.size(), r.new_findings, r.sightings.size())},
      {"Exit status", fmt::format("{}", r.exit_code)},
  };
  site.first_seen_help = "First and last seen: the run, and the syscalls the campaign had made by then.";

  std::map<std::string, std::vector<const Sighting*>> by_id;
  Series unique{"Unique bugs", {}}, reports{"Reports", {}};
  std::map<std::string, std::string> titles;
  for (const auto& f : r.findings) titles[f.id] = f.title;
  for (const auto& s : r.sightings) {
    auto& list = by_id[s.id];
    if (list.empty()) unique.events.push_back({s.campaign_syscall, fmt::format("{} ({})", titles[s.id], seen(s.run, s.campaign_syscall))});
    reports.events.push_back({s.campaign_syscall, fmt::format("{} ({})", titles[s.id], seen(s.run, s.campaign_syscall))});
    list.push_back(&s);
  }
  site.plot = {"Findings over the campaign", "syscalls made by the campaign", r.syscalls, {unique, reports}};

  for (const auto& f : r.findings) {
    Bug b;
    b.id = f.id;
    b.title = f.title;
    b.kind = f.kind;
    b.signature = f.signature;
    b.count = f.count;
    b.first_seen = seen(f.first_run, f.first_at_total_syscall);
    const auto& list = by_id[f.id];
    b.last_seen = list.empty() ? b.first_seen : seen(list.back()->run, list.back()->campaign_syscall);
    b.kernels = {kernel};
    b.known = f.suppressed;
    const std::size_t rings = f.text.find(kRingsHeading);
    b.report = f.text.substr(0, rings);
    while (b.report.size() > 1 && b.report.back() == '\n' && b.report[b.report.size() - 2] == '\n') b.report.pop_back();
    if (rings != std::string::npos) b.last_calls = f.text.substr(rings);
    b.dot = lock_graph_dot(b.report);
    if (!fl.out.empty()) {
      const fs::path folder = fs::path(fl.out) / f.dir;
      b.repro = f.repro;
      b.repro_path = (folder / "repro.prog").string();
      for (const char* name : {"report.txt", "repro.prog", "meta.json"})
        if (auto l = link_from(dir, (folder / name).string()); !l.empty()) b.files.push_back({name, l});
    } else {
      b.no_repro = "Not saved: the campaign ran without an output folder (-o '').";
    }
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (b.others.size() == kMaxOthers) {
        b.more_others = list.size() - i;
        break;
      }
      b.others.push_back({seen(list[i]->run, list[i]->campaign_syscall), "", f.title, kernel, false});
    }
    site.bugs.push_back(std::move(b));
  }
  return site;
}

bool write_campaign_site(const CampaignOptions& o, const CampaignResult& r, const std::string& dir,
                         const util::Diag& diag) {
  std::string error, warning;
  const bool ok = write_site(campaign_site(o, r, dir), dir, error, warning);
  if (!warning.empty()) diag.error(warning);
  if (!ok) diag.error(error);
  return ok;
}

}  // namespace simtrinity::html
