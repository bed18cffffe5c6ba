// The run's name pool (fuzzer/generate/name_pool.h): what it keeps, and that
// reusing its names lets a campaign build trees below the directories the
// file list walked at start, which it cannot do without them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/generate/name_pool.h"
#include "fuzzer/harness/call_observer.h"
#include "fuzzer/syscalls/syscall_table.h"

using namespace simtrinity;

TEST(NamePool, KeepsAbsolutePathsOnceAndForgetsTheOldestWhenFull) {
  NamePool p;
  p.add("relative/x");
  p.add("");
  EXPECT_TRUE(p.empty());
  p.add("/victim/a");
  p.add("/victim/a");
  EXPECT_EQ(p.size(), 1u);
  for (size_t i = 0; i < NamePool::kCapacity; i++) p.add("/tmp/n" + std::to_string(i));
  EXPECT_EQ(p.size(), NamePool::kCapacity);
  // The 65th name overwrote the first.
  EXPECT_EQ(p.at(0), "/tmp/n63");
  EXPECT_EQ(p.at(1), "/tmp/n0");
}

namespace {

// The deepest directory a successful mkdir made below `root`, in components.
struct DeepestMkdir : CallObserver {
  std::string root;
  size_t deepest = 0;
  void after_call(const CallEvent& e) override {
    if (e.ret != 0 || e.call.e->nr != Sys::mkdir) return;
    const std::string& p = e.call.s[0];
    if (p.rfind(root + "/", 0) != 0) return;
    size_t depth = static_cast<size_t>(std::count(p.begin() + static_cast<long>(root.size()), p.end(), '/'));
    deepest = std::max(deepest, depth);
  }
};

size_t deepest_mkdir(unsigned reuse) {
  CampaignOptions o;
  o.flags.kernel = "6.8";
  o.flags.seed = 7;
  o.flags.quiet = true;
  o.flags.out = "";
  o.flags.syscalls = 100'000;
  o.flags.syscall = {"mkdir", "rename", "rmdir"};
  o.flags.name_reuse = reuse;
  DeepestMkdir obs;
  obs.root = o.flags.victim;
  o.observers.push_back(&obs);
  FILE* devnull = std::fopen("/dev/null", "w");
  run_campaign(o, devnull);
  std::fclose(devnull);
  return obs.deepest;
}

}  // namespace

TEST(NamePool, ReusedNamesGrowTreesBelowTheWalkedDirectories) {
  // Without the pool a new name goes under a directory of the start-of-run
  // walk only: /victim/<name>, one level (mangled ".." detours aside).
  EXPECT_LE(deepest_mkdir(0), 2u);
  EXPECT_GE(deepest_mkdir(50), 4u);
}
