// scripts/ci-fuzz, the one script docs/ci.md's GitHub Actions and GitLab CI
// jobs run: it writes JUnit, SARIF, the JSON summary and the findings, all
// valid for their consumers (the same xmllint and jsonschema checks as
// ci_outputs_test), and exits with the campaign's status.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/schemas.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using simtrinity::util::shell_word;

namespace {

simtest::CliResult ci_fuzz(const std::string& args) {
  return simtest::shell("SIMTRINITY=" + shell_word(std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity") + " " +
                        shell_word(std::string(SIMTRINITY_SOURCE_DIR) + "/scripts/ci-fuzz") + " " + args);
}

}  // namespace

TEST(CiScript, A38CampaignWithAFindingFailsTheJobWithEveryOutput) {
  simtest::TempDir t;
  const std::string out = t / "ci";
  auto r = ci_fuzz(shell_word(out) + " -q -s 1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(simtest::junit_schema_errors(out + "/junit.xml"), "");
  EXPECT_EQ(simtest::sarif_schema_errors(out + "/results.sarif"), "");
  const auto summary = nlohmann::json::parse(simtest::slurp(out + "/summary.json"));
  EXPECT_EQ(summary["exit_code"], 1);
  bool deadlock = false;
  for (const auto& f : summary["findings"]) {
    // Each finding's folder is there, whole, under OUT/findings.
    EXPECT_EQ(f["dir"].get<std::string>().rfind(out + "/findings/", 0), 0u) << f["dir"];
    for (const char* file : {"report.txt", "repro.prog", "meta.json"})
      EXPECT_TRUE(fs::exists(f["dir"].get<std::string>() + "/" + file)) << f["dir"] << file;
    deadlock |= f["title"] == "possible deadlock in lock_rename";
  }
  EXPECT_TRUE(deadlock) << summary.dump(2);
  // The campaign's standard output is printed and kept.
  EXPECT_NE(r.out.find("=== new finding: possible deadlock in lock_rename"), std::string::npos) << r.out;
  EXPECT_NE(simtest::slurp(out + "/run.txt").find("=== new finding: possible deadlock in lock_rename"), std::string::npos);
}

TEST(CiScript, ACleanCampaignPassesTheJob) {
  simtest::TempDir t;
  const std::string out = t / "ci";
  auto r = ci_fuzz(shell_word(out) + " -q --kernel 3.9 -N 20000");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(simtest::junit_schema_errors(out + "/junit.xml"), "");
  EXPECT_EQ(simtest::sarif_schema_errors(out + "/results.sarif"), "");
  const auto sarif = nlohmann::json::parse(simtest::slurp(out + "/results.sarif"));
  EXPECT_TRUE(sarif["runs"][0]["results"].empty());
  EXPECT_EQ(nlohmann::json::parse(simtest::slurp(out + "/summary.json"))["syscalls"], 20000);
  EXPECT_TRUE(fs::is_empty(out + "/findings"));
}

TEST(CiScript, BadUsageIsStatus2) {
  simtest::TempDir t;
  EXPECT_EQ(ci_fuzz("").status, 2);
  EXPECT_EQ(ci_fuzz("-N 10").status, 2);  // a flag where OUT belongs
  auto r = ci_fuzz(shell_word(t / "ci") + " -q -N -1");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_EQ(simtest::shell("SIMTRINITY=/nonexistent " +
                           shell_word(std::string(SIMTRINITY_SOURCE_DIR) + "/scripts/ci-fuzz") + " " + shell_word(t / "x"))
                .status,
            2);
}
