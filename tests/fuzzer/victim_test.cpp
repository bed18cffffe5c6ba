// -V names the victim directory the kernel makes at boot: one that it
// cannot make (an existing directory or file, a missing parent, a name a
// .prog or a report could not hold) is one error line and exit 2, before
// anything runs; one it can make runs as usual.
#include <gtest/gtest.h>

#include <string>

#include "fuzzer/campaign/victim.h"
#include "fuzzer/util/shell_word.h"
#include "tests/support/test_io.h"

TEST(Victim, WhatTheBootCannotMakeIsOneLineAndExit2) {
  for (const std::string v : {"/tmp", "/proc", "/dev", "/etc", "/sbin", "/a/b/c", "/dev/null", "/tmp/v", "/x\ny",
                              "/q\"uote", "/", "", "victim", "/.", "/..", "//victim"}) {
    auto r = simtest::simtrinity("run -N 100 -q -o '' -V " + simtrinity::util::shell_word(v), "2>&1 >/dev/null");
    EXPECT_EQ(r.status, 2) << v << "\n" << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << v << "\n" << r.out;
    EXPECT_NE(r.out.find("bad victim directory"), std::string::npos) << v << "\n" << r.out;
  }
}

TEST(Victim, ANewNameUnderTheRootIsMadeOnEveryProfile) {
  for (const char* profile : {"2.6.24", "3.8", "3.9", "6.5"}) {
    EXPECT_EQ(simtrinity::check_victim("/victim", profile), "") << profile;
    EXPECT_EQ(simtrinity::check_victim("/fuzz-dir.2", profile), "") << profile;
    EXPECT_NE(simtrinity::check_victim("/tmp", profile), "") << profile;
  }
  auto r = simtest::simtrinity("run -k 3.9 -N 2000 -q -o '' -V /fuzz-dir.2", "2>&1 >/dev/null");
  EXPECT_EQ(r.status, 0) << r.out;
}
