// `run` and `triage` name a bug alike: every finding of real campaigns, read
// back from its report.txt by `triage`, gets the title and id `run` saved in
// meta.json; one known-bugs file (titles, ids or signatures) silences the same
// bugs in both.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/triage/known_bugs_file.h"
#include "triage_test_util.h"

namespace simtrinity::report::testing {
namespace {

CampaignOptions campaign(uint64_t seed, const std::string& out) {
  CampaignOptions o;
  o.flags.kernel = "3.8";
  o.flags.seed = seed;
  o.flags.children = 4;
  o.flags.quiet = true;
  o.flags.syscalls = 2'000'000;  // a bound, never reached: every seed finds the deadlock sooner
  o.flags.stop_on_first = true;  // with -N set the default is to go on; each seed's first deadlock is enough
  o.flags.out = out;
  return o;
}

CampaignResult run_quietly(const CampaignOptions& o) {
  FILE* f = std::tmpfile();
  auto r = run_campaign(o, f);
  std::fclose(f);
  return r;
}

nlohmann::json triage_json(const std::vector<std::string>& inputs, const std::string& json, const std::string& known = "") {
  TriageOptions t;
  t.inputs = inputs;
  t.json_path = json;
  t.known_path = known;
  t.quiet = true;
  const auto r = run(t);
  EXPECT_NE(r.status, 2) << r.err;
  return nlohmann::json::parse(read_file(json));
}

TEST(RunAndTriage, EveryFindingOfSeeds1To20GetsRunsTitleAndId) {
  const auto dir = scratch_dir("run_agreement");
  std::size_t findings = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const auto out = dir + "/seed" + std::to_string(seed);
    const auto r = run_quietly(campaign(seed, out));
    EXPECT_FALSE(r.findings.empty()) << "seed " << seed;
    for (const auto& f : r.findings) {
      const auto folder = out + "/" + f.dir;
      const auto meta = nlohmann::json::parse(read_file(folder + "/meta.json"));
      const auto t = triage_json({folder + "/report.txt"}, dir + "/triage.json");
      ASSERT_FALSE(t["reports"].empty()) << folder;
      const auto& first = t["reports"][0];
      EXPECT_EQ(first["title"], meta["title"]) << folder;
      EXPECT_EQ(first["bucket"], meta["id"]) << folder;
      EXPECT_EQ(first["signature"], meta["signature"]) << folder;
      EXPECT_EQ(first["kind"], meta["kind"]) << folder;
      ++findings;
    }
  }
  EXPECT_GE(findings, 20u);
}

// Writes `lines` as a known-bugs file with a comment on top.
std::string known_file(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream f(path);
  f << "# known bugs\n\n";
  for (const auto& l : lines) f << l << "\n";
  return path;
}

TEST(RunAndTriage, OneKnownBugsFileSilencesTheSameBugsInBoth) {
  const auto dir = scratch_dir("known_agreement");
  auto o = campaign(1, dir + "/first");
  o.flags.stop_on_first = false;
  o.flags.syscalls = 100'000;
  const auto r = run_quietly(o);
  ASSERT_GE(r.findings.size(), 1u);
  std::vector<std::string> reports;
  for (const auto& f : r.findings) reports.push_back(dir + "/first/" + f.dir + "/report.txt");

  // Whole files: every finding known, by title, by id, by signature.
  for (const char* by : {"title", "id", "signature"}) {
    std::vector<std::string> lines;
    for (const auto& f : r.findings)
      lines.push_back(std::string(by) == "title" ? f.title : std::string(by) == "id" ? f.id : f.signature);
    const auto path = known_file(dir + "/known-" + by + ".txt", lines);
    auto again = campaign(1, "");
    again.flags.stop_on_first = false;
    again.flags.syscalls = 100'000;
    ASSERT_EQ(simtrinity::triage::load_known_bugs(path, again.known), "");
    const auto r2 = run_quietly(again);
    EXPECT_EQ(r2.exit_code, 0) << by;
    EXPECT_EQ(r2.new_findings, 0) << by;
    TriageOptions t;
    t.inputs = reports;
    t.known_path = path;
    t.quiet = true;
    EXPECT_EQ(run(t).status, 0) << by;
  }

  // One id: run suppresses exactly the findings triage marks known.
  const auto path = known_file(dir + "/known-one.txt", {r.findings.front().id});
  auto again = campaign(1, "");
  again.flags.stop_on_first = false;
  again.flags.syscalls = 100'000;
  ASSERT_EQ(simtrinity::triage::load_known_bugs(path, again.known), "");
  const auto r3 = run_quietly(again);
  const auto t = triage_json(reports, dir + "/triage.json", path);
  std::set<std::string> run_known, triage_known;
  for (const auto& f : r3.findings)
    if (f.suppressed) run_known.insert(f.id);
  for (const auto& b : t["buckets"])
    if (b["known"].get<bool>()) triage_known.insert(b["bucket"].get<std::string>());
  EXPECT_EQ(run_known, triage_known);
  EXPECT_EQ(run_known, std::set<std::string>{r.findings.front().id});
}

}  // namespace
}  // namespace simtrinity::report::testing
