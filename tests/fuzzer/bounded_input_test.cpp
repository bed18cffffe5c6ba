// Inputs that never end or never start: /dev/zero, a FIFO nobody writes to,
// an endless standard input, a file over --max-input-size. Every subcommand
// that reads (repro, decode, minimize, triage, run --suppress) ends with one
// error line and exit status 2, within seconds, without growing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <regex>
#include <sstream>
#include <string>

#include "tests/support/test_io.h"

namespace {

// How the bad input is given to each reader.
const std::vector<std::string> kReaders = {
    "repro {}", "decode {}", "minimize {} -o {dir}/min.prog", "triage {}", "run -N 1000 -o '' --suppress {}",
    "triage --score {}",
};

std::string with_input(std::string cmd, const std::string& input, const std::string& dir) {
  for (size_t at; (at = cmd.find("{dir}")) != std::string::npos;) cmd.replace(at, 5, dir);
  cmd.replace(cmd.find("{}"), 2, input);
  return cmd;
}

// Lines of what a command said, but repro's closing tally ("simtrinity
// repro: 1 input, 0 reproduced, 0 clean, some malformed (exit 2)"), which
// it always prints.
size_t lines_but_tally(const std::string& s) {
  static const std::regex tally(R"(simtrinity repro: \d+ inputs?, .*)");
  size_t n = 0;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) n += !std::regex_match(l, tally);
  return n;
}

// `cmd` ends with exit 2 and one line in a few seconds (`timeout` ends it
// if it hangs or keeps reading).
void expect_refused(const std::string& cmd, const std::string& why) {
  const auto t0 = std::chrono::steady_clock::now();
  auto r = simtest::run_command("timeout 20 " + simtrinity::util::shell_word(std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity") +
                                " " + cmd + " 2>&1 >/dev/null");
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.status, 2) << cmd << "\n" << r.out;
  EXPECT_EQ(lines_but_tally(r.out), 1u) << cmd << "\n" << r.out;
  EXPECT_NE(r.out.find(why), std::string::npos) << cmd << "\n" << r.out;
  EXPECT_LT(secs, 10) << cmd;
}

}  // namespace

TEST(BoundedInput, DevZeroIsRefusedByEveryReader) {
  simtest::TempDir t;
  for (const auto& r : kReaders) expect_refused(with_input(r, "/dev/zero", t.path().string()), "not a regular file");
}

TEST(BoundedInput, AFifoWithoutAWriterIsRefusedAtOnce) {
  simtest::TempDir t;
  const std::string fifo = t / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (const auto& r : kReaders) expect_refused(with_input(r, fifo, t.path().string()), "not a regular file");
}

TEST(BoundedInput, EndlessStandardInputStopsAtTheLimit) {
  simtest::TempDir t;
  for (const char* cmd : {"repro - < /dev/zero", "triage - < /dev/zero", "decode - < /dev/zero"})
    expect_refused(std::string("--max-input-size 1MiB ") + cmd, "larger than the input limit of 1 MiB");
  // The flag may follow the subcommand, as its own flags do.
  expect_refused("triage --max-input-size 2M - < /dev/zero", "larger than the input limit of 2 MiB");
}

TEST(BoundedInput, AFileOverTheLimitIsRefusedAndTheLimitCanBeRaised) {
  simtest::TempDir t;
  const std::string log = t / "big.log";
  ASSERT_EQ(simtest::shell("head -c 3000 /dev/zero | tr '\\0' 'x' > " + simtrinity::util::shell_word(log)).status, 0);
  for (const auto& r : kReaders)
    expect_refused("--max-input-size 2000 " + with_input(r, log, t.path().string()), "larger than the input limit of 2000 bytes");
  // Raised above its size, triage reads it (and finds nothing in it).
  auto r = simtest::simtrinity("--max-input-size 4k triage -q " + simtrinity::util::shell_word(log));
  EXPECT_EQ(r.status, 0) << r.out;
}

TEST(BoundedInput, BadLimitsAreUsageErrors) {
  simtest::TempDir t;
  const std::string log = t / "empty.log";
  ASSERT_EQ(simtest::shell("touch " + simtrinity::util::shell_word(log)).status, 0);
  EXPECT_EQ(simtest::simtrinity("--max-input-size 1 triage -q " + simtrinity::util::shell_word(log)).status, 0);
  for (const char* v : {"0", "-1", "lots", "99999999999999999999999", "17179869184G", "1.5M", "5i", "3T", ""}) {
    auto r = simtest::simtrinity(std::string("--max-input-size ") + v + " triage -q " + simtrinity::util::shell_word(log));
    EXPECT_EQ(r.status, 2) << v << "\n" << r.out;
    EXPECT_EQ(lines_but_tally(r.out), 1u) << v << "\n" << r.out;
  }
}
