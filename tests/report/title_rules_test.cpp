// The shared syzkaller title rules (report/title_rules.h).
#include <gtest/gtest.h>

#include "report/title_rules.h"

namespace simtrinity::report {
namespace {

TEST(TitleRules, SkipsLockingAndLockdepPrimitives) {
  for (auto fn : {"mutex_lock_nested", "__mutex_lock", "_raw_spin_lock_irqsave", "down_write_nested", "lock_acquire",
                  "__lock_acquire", "dump_stack_lvl", "rcu_read_lock", "atomic_dec_and_test", "down", "iput",
                  "print_usage_bug", "print_unlock_imbalance_bug", "trace_hardirqs_on", "dump_backtrace", "crc32c",
                  "ioread_writeb", "do_trap", "wq_trap"})
    EXPECT_TRUE(is_skipped_frame(fn)) << fn;
}

TEST(TitleRules, SchedulerFramesAreSkippedOnlyInOurOwnReports) {
  // syzkaller's global list has no "schedule" (its can't-die format adds it); our watchdog's traces need it.
  for (auto fn : {"schedule", "__schedule", "schedule_preempt_disabled", "__switch_to"}) {
    EXPECT_FALSE(is_skipped_frame(fn)) << fn;
    EXPECT_TRUE(is_sim_skipped_frame(fn)) << fn;
  }
  for (auto fn : {"downgrade_write", "kfree_rcu_work", "iput_final_x"}) EXPECT_FALSE(is_skipped_frame(fn)) << fn;
}

TEST(TitleRules, KeepsTheFunctionsThatNameLockBugs) {
  for (auto fn : {"lock_rename", "mnt_want_write", "inode_lock", "vfs_rename", "proc_lookup_de", "do_lookup"})
    EXPECT_FALSE(is_skipped_frame(fn)) << fn;
}

TEST(TitleRules, StripsTheSyscallPrefixThatLeavesTheShortestName) {
  EXPECT_EQ(strip_syscall_prefix("SyS_renameat"), "renameat");
  EXPECT_EQ(strip_syscall_prefix("sys_renameat"), "renameat");
  // Each prefix is tried once: __x64_sys_rmdir is sys_rmdir (syzkaller/264: "BUG: soft lockup in sys_rmdir").
  EXPECT_EQ(strip_syscall_prefix("__x64_sys_renameat2"), "sys_renameat2");
  EXPECT_EQ(strip_syscall_prefix("__do_sys_renameat2"), "renameat2");
  EXPECT_EQ(strip_syscall_prefix("lock_rename"), "lock_rename");
  EXPECT_EQ(strip_syscall_prefix("sys_"), "sys_");
}

TEST(TitleRules, FirstSimFramePassesOverPrimitives) {
  EXPECT_EQ(first_sim_frame({"schedule", "mutex_lock_nested", "lock_rename", "sys_renameat"}), "lock_rename");
  EXPECT_EQ(first_sim_frame({"schedule", "sys_renameat"}), "renameat");
  EXPECT_EQ(first_sim_frame({"schedule", "mutex_lock_nested"}), "");
}

TEST(TitleRules, StallExtractorTakesTheFrameAboveTheDispatcher) {
  // syzkaller/264's frames after the skip list: the caller of the syscall entry names the stall.
  EXPECT_EQ(stall_frame({"d_walk", "shrink_dcache_parent", "vfs_rmdir", "do_rmdir", "sys_rmdir", "do_syscall_64"}),
            "sys_rmdir");
  EXPECT_EQ(stall_frame({"csd_lock_wait", "smp_call_function_single", "on_each_cpu"}), "smp_call_function");
  EXPECT_EQ(stall_frame({"ioctl", "vfs_ioctl"}), "ioctl");  // an anchor first names itself
  EXPECT_EQ(stall_frame({"loop_forever", "still_looping"}), "");
}

TEST(TitleRules, HangExtractorSkipsWaitsButKeepsLockRename) {
  EXPECT_EQ(hang_frame({"__schedule", "schedule", "schedule_preempt_disabled", "__mutex_lock", "inode_lock_nested",
                        "lock_rename", "do_renameat2"}),
            "lock_rename");
  EXPECT_EQ(hang_frame({"schedule", "prepare_to_wait_event", "rtnl_lock", "sock_ioctl"}), "rtnl_lock");
  EXPECT_EQ(hang_frame({"schedule", "synchronize_srcu", "kvm_destroy_vm"}), "synchronize_rcu");
  EXPECT_EQ(hang_frame({"schedule", "kthread"}), "");
}

TEST(TitleRules, DentryAliasTitlesTheLookupNotTheDcacheHelper) {
  EXPECT_EQ(dentry_alias_frame({"d_instantiate", "proc_lookup_de", "proc_lookup"}), "proc_lookup_de");
  EXPECT_EQ(dentry_alias_frame({"d_splice_alias", "iget_locked", "proc_lookup"}), "proc_lookup");
  EXPECT_TRUE(is_dcache_helper("__d_alloc"));
  EXPECT_FALSE(is_dcache_helper("do_lookup"));
}

TEST(TitleRules, NormalizesTitlesLikeSyzkaller) {
  EXPECT_EQ(normalize_title("INFO: task syz-executor.3:1234 hung"), "INFO: task syz-executor hung");
  EXPECT_EQ(normalize_title("bug at ffffffff811c7034 in f+0x1a/0x2b fs/namei.c:2395"),
            "bug at ADDR in f fs/namei.c:LINE");
  EXPECT_EQ(normalize_title("stall on CPU#3 after 21 jiffies"), "stall on CPU after NUM jiffies");
  EXPECT_EQ(normalize_title("possible deadlock in renameat2"), "possible deadlock in renameat2");
  EXPECT_EQ(normalize_title("a  b\x01"), "a b");
  EXPECT_EQ(normalize_title(std::string(200, 'x')).size(), 120u);
}

}  // namespace
}  // namespace simtrinity::report
