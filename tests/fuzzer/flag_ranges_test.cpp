// Every numeric flag of `simtrinity run` is checked against the range its
// row of run_flags.def gives: a negative number, NaN, infinity, zero where
// it means nothing, a value past the range or past 2^64 is one error line
// and exit status 2, before anything is fuzzed (the issue's "green build
// that fuzzed nothing": -N -1 used to wrap to 2^64-1 and run zero runs).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "fuzzer/campaign/run_flags.h"
#include "tests/support/test_io.h"

using namespace simtrinity;

TEST(FlagRanges, BadNumbersAreOneLineAndExit2) {
  struct Case {
    const char* args;
    const char* flag;  // the flag the one line names
  };
  const Case cases[] = {
      {"-N -1", "--syscalls"},
      {"-N 18446744073709551615", "--syscalls"},
      {"-N 18446744073709551616", "--syscalls"},
      {"-N 99999999999999999999999", "--syscalls"},
      {"-N 1000000000000001", "--syscalls"},
      {"-N 12abc", "--syscalls"},
      {"-N ''", "--syscalls"},
      {"-N 0x", "--syscalls"},
      {"-N 1.5", "--syscalls"},
      {"--run-length -1", "--run-length"},
      {"--run-length 0", "--run-length"},
      {"--time -1", "--time"},
      {"--time nan", "--time"},
      {"--time NaN", "--time"},
      {"--time inf", "--time"},
      {"--time -inf", "--time"},
      {"--time 1e400", "--time"},
      {"--time 0x10p0", "--time"},
      {"--time 2e9", "--time"},
      {"--netns-children 200", "--netns-children"},
      {"--netns-children 101", "--netns-children"},
      {"--netns-children -1", "--netns-children"},
      {"--name-reuse 101", "--name-reuse"},
      {"--name-reuse -5", "--name-reuse"},
      {"-C 0", "--children"},
      {"-C 33", "--children"},
      {"-C -4", "--children"},
      {"-C 4294967297", "--children"},
      {"-j 0", "--jobs"},
      {"-j 257", "--jobs"},
      {"-j -1", "--jobs"},
      {"-s -1", "--seed"},
      {"-s 18446744073709551616", "--seed"},
      {"--only-run -1", "--only-run"},
      {"--only-run 18446744073709551615", "--only-run"},
  };
  for (const auto& c : cases) {
    auto o = simtest::simtrinity(std::string("run -q -o '' ") + c.args);
    EXPECT_EQ(o.status, 2) << c.args << "\n" << o.out;
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1) << c.args << "\n" << o.out;
    EXPECT_NE(o.out.find(c.flag), std::string::npos) << c.args << "\n" << o.out;
    EXPECT_EQ(o.out.find("simtrinity run: kernel"), std::string::npos) << c.args << ": it fuzzed\n" << o.out;
  }
}

TEST(FlagRanges, EdgesOfTheRangesAreAccepted) {
  // Decimal with leading zeros is decimal (CLI11 alone reads "010" as octal 8).
  auto a = simtest::simtrinity("run -q -o '' -N 010 -C 32 -j 1 --netns-children 100 --run-length 1");
  EXPECT_NE(a.out.find("children 32"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("budget 10 syscalls"), std::string::npos) << a.out;
  EXPECT_NE(a.status, 2) << a.out;
  auto b = simtest::simtrinity("run -q -o '' -N 0x20 -s 0xffffffffffffffff --netns-children 0 --time 1000");
  EXPECT_NE(b.out.find("seed 18446744073709551615"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("budget 32 syscalls"), std::string::npos) << b.out;
  EXPECT_NE(b.status, 2) << b.out;
}

TEST(FlagRanges, CheckRunFlagsUsesTheSameRanges) {
  // Campaigns built in code (tests, the libFuzzer side) are checked too.
  RunFlags f;
  EXPECT_EQ(check_run_flags(f), "");
  f.syscalls = UINT64_MAX;
  EXPECT_NE(check_run_flags(f).find("--syscalls must be 0..1000000000000000"), std::string::npos) << check_run_flags(f);
  f = RunFlags{};
  f.time = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(check_run_flags(f).find("--time"), std::string::npos);
  f = RunFlags{};
  f.time = std::numeric_limits<double>::infinity();
  EXPECT_NE(check_run_flags(f).find("--time"), std::string::npos);
  f = RunFlags{};
  f.run_length = 0;
  EXPECT_NE(check_run_flags(f).find("--run-length"), std::string::npos);
  f = RunFlags{};
  f.only_run = kMaxCount + 1;
  EXPECT_NE(check_run_flags(f).find("--only-run"), std::string::npos);
  f = RunFlags{};
  f.netns_children = 200;
  EXPECT_NE(check_run_flags(f).find("--netns-children must be 0..100, not '200'"), std::string::npos)
      << check_run_flags(f);
}

TEST(FlagRanges, EveryNumericRowHasARange) {
  // A numeric row without a range would take -1 as 2^64-1 again.
  RunFlags f;
  int numeric = 0;
  for_each_run_flag(f, [&](std::string_view names, std::string_view, bool, auto& v, const auto& range) {
    using V = typename std::decay_t<decltype(range)>::V;
    if constexpr (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>) {
      numeric++;
      EXPECT_TRUE(range.bounded) << names;
    }
  });
  EXPECT_GE(numeric, 8);
}
