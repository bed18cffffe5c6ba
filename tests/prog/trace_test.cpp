// repro --trace: every call of every child, strace-style, deterministic, for
// text programs and libFuzzer inputs.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/test_io.h"

namespace {

TEST(ReproTrace, ShowsEveryCallWithItsResultAndTheCallThatBlocks) {
  const std::string repro = std::string(SIMTRINITY_SOURCE_DIR) + "/corpus/repros/proc_net_renameat_deadlock.prog";
  auto on38 = simtest::simtrinity("repro --trace -q " + repro, "2>/dev/null");
  EXPECT_EQ(on38.status, 1);
  // On 3.8 the renameat never returns; on 3.9 it fails and the other child goes on.
  EXPECT_NE(on38.out.find("[child0:5] renameat(0, \"stat/rt_cache\", AT_FDCWD, \"/proc/2/net/stat/y\" <unfinished ...>\n"
                          "[child1:6] +++ still in this call when the run ended +++\n"
                          "[child0:5] +++ still in this call when the run ended +++\n"),
            std::string::npos)
      << on38.out;
  auto on39 = simtest::simtrinity("repro --trace -q -k 3.9 " + repro, "2>/dev/null");
  EXPECT_EQ(on39.status, 0);
  EXPECT_NE(on39.out.find("renameat(0, \"stat/rt_cache\", AT_FDCWD, \"/proc/2/net/stat/y\") = -1 ENOENT (No such file or directory)\n"),
            std::string::npos)
      << on39.out;
  EXPECT_NE(on39.out.find("[child1:6] <... mkdir resumed>) = 0\n"), std::string::npos) << on39.out;
  EXPECT_EQ(simtest::simtrinity("repro --trace -q -k 3.9 " + repro, "2>/dev/null").out, on39.out);
}

TEST(ReproTrace, TracesALibFuzzerInput) {
  const std::string seed = std::string(SIMTRINITY_SOURCE_DIR) + "/corpus/simkernel_fuzzer/34-umask";
  auto r = simtest::simtrinity("repro --trace -q -k 3.9 " + seed, "2>/dev/null");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("] umask(0644) = 18\n"), std::string::npos) << r.out;  // 022, the default
  EXPECT_NE(r.out.find("] open(\"/proc/self/net/stat\", O_RDONLY, 00) = 0\n"), std::string::npos) << r.out;
  EXPECT_EQ(simtest::simtrinity("repro --trace -q -k 3.9 " + seed, "2>/dev/null").out, r.out);
}

}  // namespace
