// The 6.5 directory-locking deadlock (simkernel/fs/rename_locking.cpp: Jan
// Kara's 28eceeda130f locks both subdirectories of a same-directory rename
// in inode pointer order) found by a campaign that knows nothing of it: the
// name pool's tiny name space (--name-reuse, syzkaller's filenameImpl) makes
// a same-directory rename, an rmdir and a cross-directory rename meet on one
// pair of sibling directories. 6.4 (before) and 6.8 (Al Viro's 22e111ed6c83)
// run the same campaign clean.
//
// The campaign: 8 children, 90% of path arguments from the pool, mkdir, rename
// and rmdir only. The deadlock is rare per syscall (one seed in 20 to 80 per
// 1,000,000 syscalls; on main 4f300b7 none of seeds 1..20 in 1,000,000 each,
// docs/zoo.md), far beyond a seed range a test of under 2 CPU seconds can
// sweep, so the test runs a seed that meets it early: seed 74 after 4,583
// syscalls (any change to what the kernel or the generator does moves which
// seeds do; then pick another).
// The 2,000,000-syscall clean campaigns of 6.4 and 6.8 are measured by hand
// (docs/zoo.md).
//
// The 3.8 /proc/PID/net deadlock is common enough to test over a seed range
// rather than on one seed: a default campaign (4 children, every syscall,
// the random scheduler) of seeds 1..50, each given 2,000 syscalls, met it on
// 30 of the 50 (measured on main 4f300b7; every one of the 50 meets it within
// 52,198 syscalls). The test asks for 20: a generator change that moves every
// seed's calls keeps the share near 30/50 (binomial, sd 3.5), a change that
// halves the rate fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/campaign/run_flags.h"

using namespace simtrinity;

namespace {

constexpr uint64_t kSeed = 74;
constexpr uint64_t kBudget = 300'000;

CampaignResult run_quietly(CampaignOptions& o) {
  o.flags.stop_on_first = true;
  o.flags.quiet = true;
  o.flags.out = "";
  std::string err;
  o.pool = select_pool(o.flags, err);
  EXPECT_FALSE(o.pool.empty()) << err;
  FILE* devnull = std::fopen("/dev/null", "w");
  CampaignResult r = run_campaign(o, devnull);
  std::fclose(devnull);
  return r;
}

CampaignResult campaign(const std::string& kernel) {
  CampaignOptions o;
  o.flags.kernel = kernel;
  o.flags.seed = kSeed;
  o.flags.children = 8;
  o.flags.name_reuse = 90;
  o.flags.syscall = {"mkdir", "rename", "rmdir"};
  o.flags.syscalls = kBudget;
  return run_quietly(o);
}

// A default campaign (the flags `simtrinity run` has without options) of
// `budget` syscalls.
CampaignResult default_campaign(const std::string& kernel, uint64_t seed, uint64_t budget) {
  CampaignOptions o;
  o.flags.kernel = kernel;
  o.flags.seed = seed;
  o.flags.syscalls = budget;
  return run_quietly(o);
}

const Finding* first_fatal(const CampaignResult& r) {
  for (const auto& f : r.findings)
    if (f.fatal) return &f;
  return nullptr;
}

constexpr uint64_t kProcNetSeeds = 50;
constexpr uint64_t kProcNetBudget = 2'000;
// Measured: 30 of 50 found within 2,000 syscalls on 4f300b7, 16 of 50 since
// 3.8's syscall table lost renameat2 (3.15) and /proc/PID/task/TID/net went
// (not in 3.8's tid_base_stuff): fewer ways to the same /proc/PID/net inode.
constexpr int kProcNetAtLeast = 12;

}  // namespace

TEST(Zoo, DefaultCampaignsFindTheProcNetDeadlockOn38OverASeedRange) {
  int found = 0;
  for (uint64_t seed = 1; seed <= kProcNetSeeds; seed++) {
    CampaignResult r = default_campaign("3.8", seed, kProcNetBudget);
    const Finding* f = first_fatal(r);
    if (!f) continue;
    found++;
    EXPECT_EQ(f->title, "possible deadlock in lock_rename") << "seed " << seed;
    EXPECT_LE(f->first_at_total_syscall, kProcNetBudget) << "seed " << seed;
  }
  RecordProperty("found", found);  // in --gtest_output=xml
  EXPECT_GE(found, kProcNetAtLeast) << "of seeds 1.." << kProcNetSeeds;
}

TEST(Zoo, SameDefaultCampaignsAreCleanOn39) {
  for (uint64_t seed = 1; seed <= kProcNetSeeds; seed++) {
    CampaignResult r = default_campaign("3.9", seed, kProcNetBudget);
    EXPECT_EQ(r.syscalls, kProcNetBudget) << "seed " << seed;
    const Finding* f = first_fatal(r);
    EXPECT_FALSE(f) << "seed " << seed << ": " << f->title;
  }
}

TEST(Zoo, CampaignFindsTheDirectoryLockingDeadlockOn65) {
  CampaignResult r = campaign("6.5");
  const Finding* f = first_fatal(r);
  ASSERT_TRUE(f) << "no deadlock in " << r.syscalls << " syscalls";
  // The report starts from one task of the cycle, and the title names where
  // that one waits: the rename in lock_two_inodes() or the rmdir in vfs_rmdir().
  EXPECT_TRUE(f->title == "possible deadlock in lock_two_inodes" || f->title == "possible deadlock in vfs_rmdir")
      << f->title;
  EXPECT_EQ(f->kind, "circular-wait");
  EXPECT_LE(f->first_at_total_syscall, kBudget);
  // The cycle's classes: lock_two_inodes() on the two subdirectories
  // (I_MUTEX_NORMAL, I_MUTEX_NONDIR2), rmdir's parent (I_MUTEX_PARENT) and
  // the cross-directory rename's second parent (I_MUTEX_PARENT2).
  const auto& got = f->report.locks;  // #N stripped, /S kept
  for (const char* want : {"&type->i_mutex_dir_key", "&type->i_mutex_dir_key/1", "&type->i_mutex_dir_key/4",
                           "&type->i_mutex_dir_key/5"})
    EXPECT_NE(std::find(got.begin(), got.end(), want), got.end()) << want;
}

TEST(Zoo, SameCampaignIsCleanOn64) {
  CampaignResult r = campaign("6.4");
  EXPECT_EQ(r.syscalls, kBudget);
  EXPECT_TRUE(r.findings.empty()) << r.findings[0].title;
}

TEST(Zoo, SameCampaignIsCleanOn68) {
  CampaignResult r = campaign("6.8");
  EXPECT_EQ(r.syscalls, kBudget);
  EXPECT_TRUE(r.findings.empty()) << r.findings[0].title;
}
