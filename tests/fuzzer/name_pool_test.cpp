// The run's name pool (fuzzer/generate/name_pool.h): what it keeps, and that
// reusing its names lets a campaign build trees below the directories the
// file list walked at start, which it cannot do without them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/campaign/run_flags.h"
#include "fuzzer/generate/name_pool.h"
#include "fuzzer/generate/rand.h"
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
  // The (kCapacity+1)th name overwrote the first.
  EXPECT_EQ(p.at(0), "/tmp/n" + std::to_string(NamePool::kCapacity - 1));
  EXPECT_EQ(p.at(1), "/tmp/n0");
}

namespace {

// A Rand that answers each below() from a script, then 0.
struct Scripted : Rand {
  std::vector<uint64_t> v;
  size_t at = 0;
  uint64_t below(uint64_t n) override { return at < v.size() ? v[at++] % n : 0; }
};

}  // namespace

// syzkaller's filenameImpl: a fresh name is DIR/fileN with the lowest N the
// name space does not hold, DIR the root or a pool name.
TEST(NamePool, FreshNamesTakeTheLowestFreeIndexUnderTheRootOrAPoolName) {
  NamePool p("/victim");
  Scripted r;
  std::string out;
  p.draw(r, out);  // empty pool: always fresh, under the root
  EXPECT_EQ(out, "/victim/file0");
  p.add("/victim/file0");
  p.add("/victim/file1");
  r.v = {0, 1};  // fresh (1 in 10), under the root (not the 1 in 2)
  p.draw(r, out);
  EXPECT_EQ(out, "/victim/file2");
  r = Scripted{};
  r.v = {0, 0, 1, 1};  // fresh, under a pool name (the second), no ".."
  p.draw(r, out);
  EXPECT_EQ(out, "/victim/file1/file0");
  r = Scripted{};
  r.v = {5, 1};  // not fresh (9 in 10): the second pool name
  p.draw(r, out);
  EXPECT_EQ(out, "/victim/file1");
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

size_t deepest_mkdir(unsigned reuse, uint64_t syscalls = 100'000) {
  CampaignOptions o;
  o.flags.kernel = "6.8";
  o.flags.seed = 7;
  o.flags.quiet = true;
  o.flags.out = "";
  o.flags.syscalls = syscalls;
  o.flags.syscall = {"mkdir", "rename", "rmdir"};
  o.flags.name_reuse = reuse;
  std::string err;
  o.pool = select_pool(o.flags, err);  // the -c list, as run makes it
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

// The depth a campaign's pool reaches is a property of the campaign alone:
// the same one run again in this process, after another, reaches the same.
TEST(NamePool, SameDepthRunAfterRun) {
  size_t first = deepest_mkdir(50, 30'000);
  deepest_mkdir(0, 30'000);
  EXPECT_EQ(deepest_mkdir(50, 30'000), first);
  EXPECT_GE(first, 3u);  // the pool at work: deeper than the walk's one level
}

