// Where a campaign writes: every output path is checked before the
// campaign starts (one line, exit 2, nothing fuzzed), a write that fails
// afterwards (a full disk, here a file-size limit) fails the exit status and
// leaves neither a temporary file nor a damaged earlier output, and a
// symlink planted at a destination is replaced, never followed.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using simtrinity::util::shell_word;

namespace {

size_t line_count(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n + (!s.empty() && s.back() != '\n');
}

// Names in `dir` that are temporaries of ours (".NAME.tmp.XXXX").
std::vector<std::string> temporaries(const std::string& dir) {
  std::vector<std::string> t;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp.") != std::string::npos) t.push_back(e.path().filename());
  return t;
}

// A short clean campaign (3.9: nothing to find).
const std::string kQuick = "run -k 3.9 -N 300 -q ";

}  // namespace

TEST(OutputPaths, BadPathsAreRefusedBeforeTheCampaign) {
  simtest::TempDir t;
  fs::create_directories(t / "adir");
  simtest::shell("echo x > " + shell_word(t / "afile"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--json " + t / "adir", "is a directory"},
      {"--junit " + t / "adir", "is a directory"},
      {"--sarif " + t / "adir", "is a directory"},
      {"--sarif /dev/null", "not a regular file"},
      {"--json " + t / "missing/deeper/s.json", "missing/deeper"},
      {"--junit " + t / "afile/j.xml", "not a directory"},
      {"--json /proc/self/s.json", "cannot create files in '/proc/self'"},
      {"-o " + t / "afile", "not a directory"},
      {"--html " + t / "afile", "not a folder"},
      {"--log " + t / "afile", "not a directory"},
  };
  for (const auto& [flag, why] : cases) {
    const std::string out = flag.rfind("-o ", 0) == 0 ? "" : "-o " + shell_word(t / "f") + " ";
    auto r = simtest::simtrinity(kQuick + out + flag, "2>&1 >/dev/null");
    EXPECT_EQ(r.status, 2) << flag << "\n" << r.out;
    EXPECT_EQ(line_count(r.out), 1u) << flag << "\n" << r.out;
    EXPECT_NE(r.out.find(why), std::string::npos) << flag << "\n" << r.out;
    EXPECT_TRUE(temporaries(t.path()).empty()) << flag;
  }
  // Nothing ran: standard output has no header either.
  auto r = simtest::simtrinity(kQuick + "-o '' --json " + shell_word(t / "adir"), "2>/dev/null");
  EXPECT_EQ(r.out, "");
}

TEST(OutputPaths, AFailedWriteFailsTheRunAndLeavesNoTemporary) {
  simtest::TempDir t;
  const std::string json = t / "s.json";
  simtest::shell("echo '{\"earlier\": true}' > " + shell_word(json));
  // `ulimit -f 1`: no file over 1 KiB (the summary is several), as a full
  // disk would refuse it; SIGXFSZ ignored so that write() fails instead.
  const std::string limit = "ulimit -f 1; trap '' XFSZ; ";
  auto r = simtest::run_command(limit + shell_word(std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity") + " " + kQuick +
                                "-o '' --json " + shell_word(json) + " 2>&1 >/dev/null");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("cannot write --json file"), std::string::npos) << r.out;
  EXPECT_EQ(simtest::slurp(json), "{\"earlier\": true}\n");
  EXPECT_TRUE(temporaries(t.path()).empty());

  // A finding whose folder cannot be written: exit 2, and no half folder.
  const std::string out = t / "findings";
  r = simtest::run_command(limit + shell_word(std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity") +
                           " run -q -o " + shell_word(out) + " 2>&1 >/dev/null");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("cannot save finding"), std::string::npos) << r.out;
  ASSERT_TRUE(fs::is_directory(out));
  EXPECT_TRUE(fs::is_empty(out)) << "left: " << (fs::is_empty(out) ? "" : fs::directory_iterator(out)->path().string());
}

TEST(OutputPaths, APlantedSymlinkIsReplacedNotFollowed) {
  simtest::TempDir t;
  const std::string target = t / "precious.txt";
  simtest::shell("echo keep > " + shell_word(target));
  fs::create_symlink(target, t / "s.json");
  auto r = simtest::simtrinity(kQuick + "-o '' --json " + shell_word(t / "s.json"), "2>/dev/null");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(simtest::slurp(target), "keep\n");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(t / "s.json")));
  EXPECT_NE(simtest::slurp(t / "s.json").find("\"syscalls\""), std::string::npos);
}

// Paths are bytes: an -o that is not UTF-8 still gives a summary that
// parses (U+FFFD in place of the bad bytes), not an abort in the writer.
TEST(OutputPaths, ANonUtf8OutputDirectoryStillGivesValidJson) {
  simtest::TempDir t;
  const std::string out = t / "bad\xff\xfe-dir";
  auto r = simtest::simtrinity("run -q -o " + shell_word(out) + " --json " + shell_word(t / "s.json"), "2>&1 >/dev/null");
  EXPECT_EQ(r.status, 1) << r.out;
  const auto j = nlohmann::json::parse(simtest::slurp(t / "s.json"));
  ASSERT_FALSE(j["findings"].empty());
  EXPECT_NE(j["findings"][0]["dir"].get<std::string>().find("bad\xef\xbf\xbd"), std::string::npos);
  EXPECT_FALSE(fs::is_empty(out));
}
