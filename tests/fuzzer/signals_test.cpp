// SIGINT and SIGTERM, sent as a terminal or a CI runner sends them, to a
// campaign far from its end: it stops promptly, writes the summary and every
// output asked for (valid, as the consumers' schemas check them) and exits
// 130 or 143; a second signal exits at once.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/process.h"
#include "tests/support/schemas.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;

namespace {

// A 3.9 campaign (no deadlock to end it) that would run for hours; the
// header line is printed once its outputs are checked and the signal
// handlers are in place.
std::vector<std::string> long_campaign(const simtest::TempDir& t) {
  return {"run", "-k", "3.9", "-N", "100000000000", "-q", "-o", t / "findings", "--json", t / "s.json",
          "--junit", t / "j.xml", "--sarif", t / "r.sarif", "--html", t / "site"};
}
constexpr const char* kStarted = "syscalls (";

void expect_outputs_written(const simtest::TempDir& t, const std::string& signal_name, int status) {
  const auto j = nlohmann::json::parse(simtest::slurp(t / "s.json"));
  EXPECT_GE(j["runs"].get<int>(), 1);
  EXPECT_GT(j["syscalls"].get<uint64_t>(), 0u);
  EXPECT_EQ(j["exit_code"], status);
  EXPECT_EQ(j["interrupted"], signal_name);
  EXPECT_EQ(simtest::junit_schema_errors(t / "j.xml"), "");
  EXPECT_NE(simtest::slurp(t / "j.xml").find("interrupted by " + signal_name), std::string::npos);
  EXPECT_EQ(simtest::sarif_schema_errors(t / "r.sarif"), "");
  const auto sarif = nlohmann::json::parse(simtest::slurp(t / "r.sarif"));
  EXPECT_EQ(sarif["runs"][0]["invocations"][0]["exitCode"], status);
  EXPECT_TRUE(fs::exists(t / "site/index.html"));
}

}  // namespace

TEST(Signals, SigintStopsTheCampaignAndWritesEveryOutput) {
  simtest::TempDir t;
  simtest::Process p(long_campaign(t), true);
  ASSERT_TRUE(p.read_until(kStarted, 60)) << p.stdout_text();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  p.signal(SIGINT);
  ASSERT_EQ(p.wait(30), 130);
  EXPECT_FALSE(p.signaled()) << "it must exit by itself, not of the signal";
  expect_outputs_written(t, "SIGINT", 130);
  // The summary still reaches standard output.
  p.read_until("\nruns ", 5);
  EXPECT_NE(p.stdout_text().find("\nruns "), std::string::npos) << p.stdout_text();
}

TEST(Signals, SigtermDoesTheSameWithItsOwnStatus) {
  simtest::TempDir t;
  simtest::Process p(long_campaign(t), true);
  ASSERT_TRUE(p.read_until(kStarted, 60)) << p.stdout_text();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  p.signal(SIGTERM);
  ASSERT_EQ(p.wait(30), 143);
  EXPECT_FALSE(p.signaled());
  expect_outputs_written(t, "SIGTERM", 143);
}

TEST(Signals, ASecondSignalExitsAtOnce) {
  simtest::TempDir t;
  simtest::Process p(long_campaign(t), true);
  ASSERT_TRUE(p.read_until(kStarted, 60)) << p.stdout_text();
  // Sent back to back, both are pending together: the kernel runs both
  // handlers (the last one queued first), and the second one to run quits.
  // The orderly end the first asks for (runs to end, five outputs, a site
  // through Graphviz) would have written the summary: it must not be there.
  p.signal(SIGINT);
  p.signal(SIGTERM);
  const int status = p.wait(30);
  EXPECT_TRUE(status == 130 || status == 143) << status;
  EXPECT_FALSE(p.signaled());
  EXPECT_FALSE(fs::exists(t / "s.json"));
}
