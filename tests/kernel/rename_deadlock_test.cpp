// The bug: rename() between /proc/1/net/stat and /proc/2/net/stat.
#include <gtest/gtest.h>

#include "simkernel/debug/kallsyms.h"
#include "simkernel/locking/lock.h"
#include "tests/kernel/kernel_harness.h"

using namespace sktest;

namespace {

struct RenameOutcome {
  sk::run_end end;
  long ret = 1;        // 1: the call never returned
  sk::task_struct* task = nullptr;
};

RenameOutcome rename_in_task(sk::Kernel& k, std::function<long(sk::Kernel&)> fn) {
  RenameOutcome o;
  o.task = k.spawn("trinity-child2", [&k, &o, fn] { o.ret = fn(k); });
  o.end = k.run();
  return o;
}

std::vector<std::string> held_summary(const sk::task_struct* t) {
  std::vector<std::string> v;
  for (const auto& hl : t->held_locks)
    v.push_back(std::string(hl.blocked ? "blocked " : "held ") + hl.cls->name + " @" +
                std::string(sk::ksym_name(hl.ip_sym)));
  return v;
}

void expect_self_deadlock(const RenameOutcome& o) {
  ASSERT_EQ(o.ret, 1) << "the rename returned " << o.ret;
  EXPECT_EQ(o.end, sk::run_end::stalled);
  ASSERT_EQ(o.task->state, sk::task_state::uninterruptible);
  ASSERT_EQ(o.task->held_locks.size(), 4u);
  const auto& hl = o.task->held_locks;
  EXPECT_EQ(held_summary(o.task), (std::vector<std::string>{
                                      "held sb_writers#4 @mnt_want_write",
                                      "held &type->s_vfs_rename_key @lock_rename",
                                      "held &type->i_mutex_dir_key#2/1 @lock_rename",
                                      "blocked &type->i_mutex_dir_key#2/2 @lock_rename",
                                  }));
  // The same instance, held and waited for: a task blocked on itself.
  EXPECT_EQ(hl[2].lock, hl[3].lock);
  EXPECT_EQ(o.task->blocked_on, hl[3].lock);
  EXPECT_EQ(hl[3].lock->owner, o.task);
  EXPECT_EQ(hl[0].cls->usage_str(), "{.+.+.+}");
  EXPECT_EQ(hl[1].cls->usage_str(), "{+.+.+.}");
}

}  // namespace

TEST(RenameDeadlock, ArticleCaseBlocksOnItsOwnIMutexOn38) {
  auto k = boot("3.8");
  expect_self_deadlock(rename_in_task(*k, [](sk::Kernel& kk) {
    return kk.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x");
  }));
}

TEST(RenameDeadlock, ThroughProcNetSelfSymlink) {
  auto k = boot("3.8");
  expect_self_deadlock(rename_in_task(*k, [](sk::Kernel& kk) {
    return kk.sys_rename("/proc/net/stat/arp_cache", "/proc/1/net/stat/x");
  }));
}

TEST(RenameDeadlock, ThroughRenameatWithDirfds) {
  auto k = boot("3.8");
  expect_self_deadlock(rename_in_task(*k, [](sk::Kernel& kk) {
    long a = kk.sys_open("/proc/1/net/stat", O_RDONLY | O_DIRECTORY);
    long b = kk.sys_open("/proc/2/net/stat", O_RDONLY | O_DIRECTORY);
    if (a < 0 || b < 0) return -1000L;
    return kk.sys_renameat(static_cast<int>(a), "rt_cache", static_cast<int>(b), "y");
  }));
}

// 3.8's tid_base_stuff has no "net" (3.4's and 3.10's fs/proc/base.c have
// none; later kernels added it): /proc/PID/task/TID/net is not a way in.
TEST(RenameDeadlock, NoTaskTidNetOn38) {
  auto k = boot("3.8");
  RenameOutcome o = rename_in_task(*k, [](sk::Kernel& kk) {
    return kk.sys_rename("/proc/1/task/1/net/stat/arp_cache", "/proc/2/net/stat/x");
  });
  EXPECT_EQ(o.ret, -ENOENT);
  EXPECT_EQ(o.end, sk::run_end::all_exited);
}

TEST(RenameDeadlock, FixedOn39WithTheErrno39Returns) {
  auto k = boot("3.9");
  RenameOutcome o = rename_in_task(*k, [](sk::Kernel& kk) {
    return kk.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x");
  });
  // 3.9: lock_rename() takes two distinct i_mutexes, then the lookup of the
  // new name in procfs fails.
  EXPECT_EQ(o.ret, -ENOENT);
  EXPECT_EQ(o.end, sk::run_end::all_exited);
  // Renaming onto an existing entry reaches vfs_rename(): proc has no ->rename.
  auto k2 = boot("3.9");
  EXPECT_EQ(call(*k2, [](sk::Kernel& kk) {
              return kk.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/rt_cache");
            }),
            -EPERM);
}

TEST(RenameDeadlock, NoDeadlockOn2624OrNetnsSymlink) {
  auto k = boot("2.6.24");
  RenameOutcome o = rename_in_task(*k, [](sk::Kernel& kk) {
    return kk.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x");
  });
  EXPECT_EQ(o.ret, -ENOENT);  // no /proc/PID/net before 2.6.25
  auto k2 = boot("netns-symlink");
  o = rename_in_task(*k2, [](sk::Kernel& kk) {
    return kk.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/rt_cache");
  });
  EXPECT_EQ(o.ret, -EPERM);  // one dentry, one lock, then proc refuses
  EXPECT_EQ(o.end, sk::run_end::all_exited);
}

TEST(RenameDeadlock, NoDeadlockBetweenDifferentNamespacesOn38) {
  auto k = boot("3.8");
  long ret = 1;
  k->spawn("trinity-child0", [&] {
    // A child in a new netns: its /proc/PID/net/stat is another directory inode.
    long pid = k->sys_clone(CLONE_NEWNET, [&] {
      std::string mine = "/proc/" + std::to_string(k->sys_getpid()) + "/net/stat/arp_cache";
      ret = k->sys_rename(mine.c_str(), "/proc/1/net/stat/x");
    });
    ASSERT_GT(pid, 0);
  });
  EXPECT_EQ(k->run(), sk::run_end::all_exited);
  EXPECT_EQ(ret, -ENOENT);
}
