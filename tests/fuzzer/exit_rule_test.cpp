// One rule (fails_campaign, fuzzer/campaign/findings.h) for what fails a
// campaign, read the same way by every consumer: the exit status is 1 when
// and only when JUnit has a <failure> and SARIF an "error" result, and those
// are the findings the JSON calls fatal and not suppressed; warnings pass
// (a JUnit case with its report, a SARIF "warning"), known findings are
// skipped (a suppressed SARIF "note"). Four campaigns: the deadlock with its
// warnings, warnings alone, the deadlock known, and a clean 3.9.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/test_io.h"

using nlohmann::json;

namespace {

struct Outputs {
  int status = -1;
  json summary, sarif;
  std::string junit;
};

Outputs campaign(const simtest::TempDir& t, const std::string& args) {
  Outputs o;
  auto r = simtest::simtrinity("run -q -o '' --json " + (t / "s.json") + " --junit " + (t / "j.xml") + " --sarif " +
                                   (t / "r.sarif") + " " + args,
                               "2>/dev/null >/dev/null");
  o.status = r.status;
  o.summary = json::parse(simtest::slurp(t / "s.json"));
  o.sarif = json::parse(simtest::slurp(t / "r.sarif"));
  o.junit = simtest::slurp(t / "j.xml");
  return o;
}

// Checks the outputs agree; returns how many findings failed the campaign.
size_t expect_one_rule(const Outputs& o, const std::string& what) {
  size_t failing = 0, warnings = 0, known = 0;
  for (const auto& f : o.summary["findings"]) {
    if (f["suppressed"]) known++;
    else if (f["fatal"]) failing++;
    else warnings++;
  }
  size_t errors = 0, sarif_warnings = 0, notes = 0, suppressed = 0;
  for (const auto& res : o.sarif["runs"][0]["results"]) {
    errors += res["level"] == "error";
    sarif_warnings += res["level"] == "warning";
    notes += res["level"] == "note";
    suppressed += res.contains("suppressions");
  }
  EXPECT_EQ(o.status, failing ? 1 : 0) << what;
  EXPECT_EQ(o.summary["exit_code"], o.status) << what;
  EXPECT_EQ(simtest::occurrences(o.junit, "<failure "), failing) << what << "\n" << o.junit;
  EXPECT_EQ(simtest::occurrences(o.junit, "<skipped "), known) << what;
  EXPECT_EQ(errors, failing) << what;
  EXPECT_EQ(sarif_warnings, warnings) << what;
  EXPECT_EQ(notes, known) << what;
  EXPECT_EQ(suppressed, known) << what;
  return failing;
}

}  // namespace

TEST(ExitRule, ExitStatusJunitAndSarifFollowOneRule) {
  simtest::TempDir t;
  // The default campaign: the deadlock (fatal) and the warnings before it.
  Outputs d = campaign(t, "-s 1");
  EXPECT_EQ(expect_one_rule(d, "default"), 1u);
  EXPECT_GE(d.summary["findings"].size(), 2u);

  // A single run that meets warnings only (short, so it ends before the
  // deadlock): they are recorded, nothing fails.
  bool warnings_only = false;
  for (int s = 1; s <= 40 && !warnings_only; s++) {
    Outputs w = campaign(t, "--runs 1 --run-length 200 -s " + std::to_string(s));
    bool fatal = false;
    for (const auto& f : w.summary["findings"]) fatal |= f["fatal"].get<bool>();
    if (w.summary["findings"].empty() || fatal) continue;
    warnings_only = true;
    EXPECT_EQ(expect_one_rule(w, "warnings only, seed " + std::to_string(s)), 0u);
  }
  EXPECT_TRUE(warnings_only) << "no seed 1..40 has a run 0 with warnings only";

  // The deadlock known: skipped, a suppressed note; the warnings pass.
  std::FILE* f = std::fopen((t / "known.txt").c_str(), "w");
  std::fputs("possible deadlock in lock_rename\n", f);
  std::fclose(f);
  Outputs k = campaign(t, "-s 1 --known " + (t / "known.txt"));
  EXPECT_EQ(expect_one_rule(k, "known"), 0u);
  EXPECT_EQ(simtest::occurrences(k.junit, "<skipped "), 1u);

  Outputs c = campaign(t, "--kernel 3.9 -N 20000");
  EXPECT_EQ(expect_one_rule(c, "clean"), 0u);
  EXPECT_TRUE(c.summary["findings"].empty());
}
