#include "fuzzer/campaign/sarif.h"

#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fuzzer/campaign/outputs.h"
#include "fuzzer/util/interrupt.h"
#include "fuzzer/util/version.h"

namespace simtrinity {

namespace {

using nlohmann::json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kSourceRoot = "SRCROOT";

// What each kind of report says, for the rule a dashboard shows beside a
// result: the header the kernel (or simtrinity's watchdog) prints.
std::string rule_description(const std::string& kind) {
  static const std::pair<std::string_view, std::string_view> kDescriptions[] = {
      {"recursive", "lockdep: possible recursive locking detected"},
      {"circular", "lockdep: possible circular locking dependency detected"},
      {"irq-inversion", "lockdep: possible irq lock inversion dependency detected"},
      {"safe-unsafe", "lockdep: a SAFE -> UNSAFE lock order detected"},
      {"inconsistent", "lockdep: inconsistent lock state"},
      {"held-freed", "lockdep: held lock freed"},
      {"bad-unlock", "lockdep: bad unlock balance detected"},
      {"exit-locks", "lockdep: a task exited with locks held"},
      {"user-return", "lockdep: lock held when returning to user space"},
      {"hung", "khungtaskd: a task blocked for more than 120 seconds"},
      {"blocked-self", "deadlock: a task blocked on a lock it holds"},
      {"same-instance", "lockdep: one lock instance acquired under two subclasses"},
      {"circular-wait", "deadlock: circular wait among tasks"},
      {"all-blocked", "deadlock: all tasks blocked"},
      {"dentry-alias", "VFS invariant: a directory inode with several dentries"},
  };
  for (const auto& [k, d] : kDescriptions)
    if (k == kind) return std::string(d);
  return fmt::format("kernel report of kind {}", kind);
}

struct Frame {
  std::string fn, file;
  uint64_t line = 0;
};

// "lock_rename+0x82/0x120" and "simkernel/fs/rename_locking.cpp:157" ("" for
// entry code, which has no source of its own).
Frame parse_frame(const std::string& ip, const std::string& source) {
  Frame f;
  f.fn = ip.substr(0, ip.find('+'));
  const size_t colon = source.rfind(':');
  if (colon != std::string::npos) {
    f.file = source.substr(0, colon);
    f.line = std::strtoull(source.c_str() + colon + 1, nullptr, 10);
  }
  return f;
}

json location(const Frame& f) {
  json l;
  if (!f.file.empty() && f.line > 0)
    l["physicalLocation"] = {{"artifactLocation", {{"uri", f.file}, {"uriBaseId", kSourceRoot}}},
                             {"region", {{"startLine", f.line}}}};
  l["logicalLocations"] = json::array({{{"name", f.fn}, {"kind", "function"}}});
  return l;
}

json result(const Finding& f, size_t rule_index) {
  json res;
  res["ruleId"] = f.kind;
  res["ruleIndex"] = rule_index;
  res["level"] = fails_campaign(f) ? "error" : f.suppressed ? "note" : "warning";
  res["message"] = {{"text", f.title}};
  // The frame the title names, where the trace has it with a source line;
  // else the innermost frame that has one.
  std::vector<std::vector<Frame>> traces;
  const Frame* primary = nullptr;
  const Frame* innermost = nullptr;
  for (size_t t = 0; t < f.report.traces.size(); t++) {
    std::vector<Frame> frames;
    for (size_t i = 0; i < f.report.traces[t].size(); i++)
      frames.push_back(parse_frame(f.report.traces[t][i],
                                   t < f.report.trace_sources.size() && i < f.report.trace_sources[t].size()
                                       ? f.report.trace_sources[t][i]
                                       : std::string()));
    traces.push_back(std::move(frames));
  }
  for (const auto& tr : traces)
    for (const auto& fr : tr) {
      if (fr.file.empty()) continue;
      if (!innermost) innermost = &fr;
      if (!primary && fr.fn == f.anchor) primary = &fr;
    }
  if (!primary) primary = innermost;
  res["locations"] = json::array();
  if (primary) res["locations"].push_back(location(*primary));
  json related = json::array(), stacks = json::array();
  int next_id = 0;
  for (size_t t = 0; t < traces.size(); t++) {
    json frames = json::array();
    for (const auto& fr : traces[t]) {
      frames.push_back({{"location", location(fr)}});
      if (&fr != primary && !fr.file.empty()) {
        json l = location(fr);
        l["id"] = next_id++;
        l["message"] = {{"text", fr.fn}};
        related.push_back(std::move(l));
      }
    }
    const std::string task =
        t < f.report.tasks.size() ? fmt::format("call trace of pid {}", f.report.tasks[t]) : std::string("call trace");
    stacks.push_back({{"message", {{"text", task}}}, {"frames", std::move(frames)}});
  }
  if (!related.empty()) res["relatedLocations"] = std::move(related);
  if (!stacks.empty()) res["stacks"] = std::move(stacks);
  res["partialFingerprints"] = {{"simtrinityBucket/v1", f.id}};
  if (f.suppressed)
    res["suppressions"] = json::array({{{"kind", "external"}, {"justification", "a known bug (--known)"}}});
  res["properties"] = {{"signature", f.signature},
                       {"count", f.count},
                       {"firstSeen", {{"run", f.first_run},
                                      {"runSeed", fmt::format("{:#x}", f.first_run_seed)},
                                      {"runSyscall", f.first_at_run_syscall},
                                      {"campaignSyscall", f.first_at_total_syscall}}}};
  return res;
}

}  // namespace

std::string sarif_json(const CampaignOptions& o, const CampaignResult& r) {
  const RunFlags& fl = o.flags;
  json rules = json::array(), results = json::array();
  std::vector<std::string> kinds;
  for (const auto& f : r.findings) {
    size_t idx = 0;
    while (idx < kinds.size() && kinds[idx] != f.kind) idx++;
    if (idx == kinds.size()) {
      kinds.push_back(f.kind);
      rules.push_back({{"id", f.kind},
                       {"shortDescription", {{"text", rule_description(f.kind)}}},
                       // What a new finding of the kind gets (fails_campaign).
                       {"defaultConfiguration", {{"level", f.fatal ? "error" : "warning"}}}});
    }
    results.push_back(result(f, idx));
  }
  json run;
  run["tool"] = {{"driver",
                  {{"name", "simtrinity"},
                   {"version", std::string(util::kVersion)},
                   {"rules", std::move(rules)}}}};
  run["automationDetails"] = {{"id", fmt::format("simtrinity-run/kernel-{}/", fl.kernel)}};
  run["originalUriBaseIds"] = {{kSourceRoot, {{"description", {{"text", "the root of the simtrinity source tree"}}}}}};
  json inv = {{"executionSuccessful", !r.save_failed && !r.signal}, {"exitCode", r.exit_code}};
  if (r.signal) inv["exitCodeDescription"] = "interrupted by " + util::signal_name(r.signal);
  run["invocations"] = json::array({std::move(inv)});
  run["results"] = std::move(results);
  run["properties"] = {{"kernel", fl.kernel},
                       {"seed", seed_hex(fl.seed)},
                       {"runs", r.runs},
                       {"syscalls", r.syscalls}};
  json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace simtrinity
