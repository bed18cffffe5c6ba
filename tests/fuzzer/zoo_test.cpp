// The 6.5 directory-locking deadlock (simkernel/fs/rename_locking.cpp: Jan
// Kara's 28eceeda130f locks both subdirectories of a same-directory rename
// in inode pointer order) found by a campaign that knows nothing of it: the
// name pool's tiny name space (--name-reuse, syzkaller's filenameImpl) makes
// a same-directory rename, an rmdir and a cross-directory rename meet on one
// pair of sibling directories. 6.4 (before) and 6.8 (Al Viro's 22e111ed6c83)
// run the same campaign clean.
//
// The campaign: 8 children, 90% of path arguments from the pool, mkdir, rename
// and rmdir only. The deadlock is rare per syscall (seeds 1..20 found it on 2
// in 1,000,000 syscalls each; docs/zoo.md), so the test runs a seed that
// meets it early: seed 74 after 4,583 syscalls (any change to what the
// kernel or the generator does moves which seeds do; then pick another).
// The 2,000,000-syscall clean campaigns of 6.4 and 6.8 are measured by hand
// (docs/zoo.md).
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

CampaignResult campaign(const std::string& kernel) {
  CampaignOptions o;
  o.flags.kernel = kernel;
  o.flags.seed = kSeed;
  o.flags.children = 8;
  o.flags.name_reuse = 90;
  o.flags.syscall = {"mkdir", "rename", "rmdir"};
  o.flags.syscalls = kBudget;
  o.flags.stop_on_first = true;
  o.flags.quiet = true;
  o.flags.out = "";
  std::string err;
  o.pool = select_pool(o.flags, err);
  EXPECT_EQ(o.pool.size(), 3u) << err;
  FILE* devnull = std::fopen("/dev/null", "w");
  CampaignResult r = run_campaign(o, devnull);
  std::fclose(devnull);
  return r;
}

const Finding* first_fatal(const CampaignResult& r) {
  for (const auto& f : r.findings)
    if (f.fatal) return &f;
  return nullptr;
}

}  // namespace

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
