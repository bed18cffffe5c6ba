// rename()'s directory locking of 6.4, 6.5 and 6.8 (fs/rename_locking.cpp):
// which locks each era takes, in which order and under which subclasses, and
// the three-task deadlock that 6.5's same-directory locking of two
// subdirectories closes (and that neither 6.4 nor 6.8 can).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/describe.h"
#include "simkernel/debug/kallsyms.h"
#include "simkernel/locking/lock.h"
#include "tests/kernel/kernel_harness.h"

using namespace sktest;

namespace {

// Every lock a task takes, "class @site", in order.
struct Acquisitions : sk::LockObserver {
  std::string comm;
  std::vector<std::string> seq;
  void lock_acquire(sk::task_struct& t, const sk::held_lock& hl) override {
    if (t.comm == comm) seq.push_back(hl.cls->name + " @" + std::string(sk::ksym_name(hl.ip_sym)));
  }
};

// The locks one renameat2() takes on `kernel`, after `setup` made the tree
// (directories ending in '/', files otherwise; created in order, so inode
// addresses rise in that order).
std::vector<std::string> rename_locks(const std::string& kernel, const std::vector<std::string>& setup,
                                      const char* from, const char* to, unsigned flags, long* ret = nullptr) {
  auto k = boot(kernel);
  run_task(*k, [&](sk::Kernel& kk) {
    for (const auto& p : setup) {
      if (p.back() == '/')
        EXPECT_EQ(kk.sys_mkdir(p.substr(0, p.size() - 1).c_str(), 0755), 0) << p;
      else
        EXPECT_GE(kk.sys_close(static_cast<int>(kk.sys_creat(p.c_str(), 0644))), 0) << p;
    }
  });
  Acquisitions a;
  a.comm = "renamer";
  k->lockdep().add_observer(&a);
  long r = 0;
  // renameat2 only with flags: 3.8 has no renameat2 (3.15), renameat is the same do_renameat2().
  run_task(*k, [&](sk::Kernel& kk) {
    r = flags ? kk.sys_renameat2(AT_FDCWD, from, AT_FDCWD, to, flags) : kk.sys_renameat(AT_FDCWD, from, AT_FDCWD, to);
  }, "renamer");
  if (ret) *ret = r;
  return a.seq;
}

}  // namespace

// The three-task cycle, driven from seeded random schedules: a same-directory
// rename of b over a (both directories, a not empty), rmdir of a/c (not
// empty), and a cross-directory rename out of a/c into b. c was made first,
// then b, then a, and c moved under a: inode pointer order c < b < a.
struct Cycle {
  bool deadlock = false;
  std::vector<std::string> locks;  // the report's lock classes
  std::string title;
};

Cycle run_cycle(const std::string& kernel, uint64_t seed) {
  sk::KernelOptions o;
  o.profile = kernel;
  o.seed = seed;
  o.policy = std::make_unique<sk::RandomPolicy>(seed);
  auto k = std::make_unique<sk::Kernel>(std::move(o));
  Cycle c;
  k->set_report_handler([&](const sk::Report& r) {
    if (r.detector == "wait-for-graph" && !c.deadlock) {
      c.deadlock = true;
      c.locks = r.locks;
      c.title = simtrinity::report::describe(r).title;
    }
  });
  k->spawn("setup", [&] {
    for (const char* d : {"/victim/d", "/victim/d/c0", "/victim/d/b", "/victim/d/a"})
      EXPECT_EQ(k->sys_mkdir(d, 0755), 0) << d;
    EXPECT_EQ(k->sys_rename("/victim/d/c0", "/victim/d/a/c"), 0);
    EXPECT_EQ(k->sys_mkdir("/victim/d/a/c/x", 0755), 0);
    for (int i = 0; i < 3; i++) {
      k->spawn("t" + std::to_string(i), [&k, i] {
        for (int n = 0; n < 200 && !k->stop_requested(); n++) {
          if (i == 0) k->sys_rename("/victim/d/b", "/victim/d/a");                // ENOTEMPTY, after the locks
          if (i == 1) k->sys_rmdir("/victim/d/a/c");                              // ENOTEMPTY, after the locks
          if (i == 2) k->sys_rename("/victim/d/a/c/none", "/victim/d/b/none");    // ENOENT, after the locks
        }
      });
    }
  });
  k->run(2'000'000);
  return c;
}

TEST(DirLocking, SameDirectoryRenameOfSubdirectoriesDeadlocksOn65Only) {
  int found = 0;
  Cycle first;
  for (uint64_t seed = 1; seed <= 40; seed++) {
    Cycle c = run_cycle("6.5", seed);
    if (c.deadlock && !found++) first = c;
    EXPECT_FALSE(run_cycle("6.4", seed).deadlock) << "6.4, seed " << seed;
    EXPECT_FALSE(run_cycle("6.8", seed).deadlock) << "6.8, seed " << seed;
  }
  EXPECT_GE(found, 5) << "the 6.5 cycle is not rare with three tasks in a loop";
  // The cycle's classes: the victim-side NORMAL and NONDIR2 of lock_two_inodes()
  // on directories, rmdir's PARENT, and the cross-directory rename's PARENT2.
  std::vector<std::string> want = {"&type->i_mutex_dir_key", "&type->i_mutex_dir_key/1", "&type->i_mutex_dir_key/4",
                                   "&type->i_mutex_dir_key/5"};
  for (const auto& w : want)
    EXPECT_NE(std::find(first.locks.begin(), first.locks.end(), w), first.locks.end()) << w << " in " << first.title;
  EXPECT_EQ(first.title.rfind("possible deadlock in ", 0), 0u) << first.title;
}

namespace {

// "&type->i_mutex_dir_key#3/1 @lock_rename" -> "dir/1 @lock_rename": the #N
// of a class depends on registration order, the subclass does not.
std::vector<std::string> classes(std::vector<std::string> v) {
  for (auto& s : v) {
    auto hash = s.find('#');
    if (hash != std::string::npos) {
      auto end = s.find_first_not_of("0123456789", hash + 1);
      s.erase(hash, end - hash);
    }
    for (auto [from, to] : {std::pair<std::string, std::string>{"&type->i_mutex_dir_key", "dir"},
                            {"&sb->s_type->i_mutex_key", "file"},
                            {"&type->s_vfs_rename_key", "rename_mutex"}})
      if (s.rfind(from, 0) == 0) s.replace(0, from.size(), to);
  }
  return v;
}

using Seq = std::vector<std::string>;
const std::string kSbw = "sb_writers @mnt_want_write";

}  // namespace

// What fs/namei.c and fs/inode.c of each version take for the same calls.
// The expected sequences are read off those functions (quoted in
// rename_locking.cpp), not off our output.
TEST(DirLocking, SameDirectoryRenameOfADirectoryOverAnEmptyOne) {
  const std::vector<std::string> tree = {"/victim/d/", "/victim/d/a/", "/victim/d/b/"};
  auto run = [&](const char* k) {
    long r = 1;
    Seq s = classes(rename_locks(k, tree, "/victim/d/a", "/victim/d/b", 0, &r));
    EXPECT_EQ(r, 0) << k;
    return s;
  };
  EXPECT_EQ(run("3.8"), (Seq{kSbw, "dir/1 @lock_rename", "dir @vfs_rename_other"}));
  EXPECT_EQ(run("6.4"), (Seq{kSbw, "dir/1 @lock_rename", "dir @vfs_rename"}));
  // 28eceeda130f: source and target, inode pointer order (a < b).
  EXPECT_EQ(run("6.5"), (Seq{kSbw, "dir/1 @lock_rename", "dir @lock_two_inodes", "dir/4 @lock_two_inodes"}));
  // 22e111ed6c83: the victim only.
  EXPECT_EQ(run("6.8"), (Seq{kSbw, "dir/1 @lock_rename", "dir @vfs_rename"}));
}

TEST(DirLocking, SameDirectoryExchangeOfTwoDirectories) {
  const std::vector<std::string> tree = {"/victim/d/", "/victim/d/a/", "/victim/d/b/"};
  auto run = [&](const char* k) {
    long r = 1;
    Seq s = classes(rename_locks(k, tree, "/victim/d/a", "/victim/d/b", RENAME_EXCHANGE, &r));
    EXPECT_EQ(r, 0) << k;
    return s;
  };
  EXPECT_EQ(run("6.4"), (Seq{kSbw, "dir/1 @lock_rename"}));  // lock_two_nondirectories() skips directories
  EXPECT_EQ(run("6.5"), (Seq{kSbw, "dir/1 @lock_rename", "dir @lock_two_inodes", "dir/4 @lock_two_inodes"}));
  EXPECT_EQ(run("6.8"), (Seq{kSbw, "dir/1 @lock_rename"}));  // neither parent changes, nothing is removed
}

TEST(DirLocking, CrossDirectoryRenameOfADirectory) {
  // p < q < x by address; do_renameat2() calls lock_rename(new parent q, old parent p).
  const std::vector<std::string> tree = {"/victim/p/", "/victim/q/", "/victim/p/x/"};
  auto run = [&](const char* k) {
    long r = 1;
    Seq s = classes(rename_locks(k, tree, "/victim/p/x", "/victim/q/y", 0, &r));
    EXPECT_EQ(r, 0) << k;
    return s;
  };
  EXPECT_EQ(run("3.8"), (Seq{kSbw, "rename_mutex @lock_rename", "dir/1 @lock_rename", "dir/2 @lock_rename"}));
  EXPECT_EQ(run("6.4"),
            (Seq{kSbw, "rename_mutex @lock_rename", "dir/1 @lock_two_directories", "dir/5 @lock_two_directories"}));
  // f23ce7571853 orders the unrelated parents by pointer (p first); the moved
  // directory is locked too, lock_two_inodes(source, NULL).
  EXPECT_EQ(run("6.5"), (Seq{kSbw, "rename_mutex @lock_rename", "dir/1 @lock_two_inodes", "dir/5 @lock_two_inodes",
                             "dir @lock_two_inodes"}));
  // 6.8: argument order again; the moved subdirectory as I_MUTEX_CHILD.
  EXPECT_EQ(run("6.8"), (Seq{kSbw, "rename_mutex @lock_rename", "dir/1 @lock_two_directories",
                             "dir/5 @lock_two_directories", "dir/2 @vfs_rename"}));
}

TEST(DirLocking, RenameOfAFileToAFreeName) {
  const std::vector<std::string> tree = {"/victim/d/", "/victim/d/f"};
  auto run = [&](const char* k) {
    long r = 1;
    Seq s = classes(rename_locks(k, tree, "/victim/d/f", "/victim/d/g", 0, &r));
    EXPECT_EQ(r, 0) << k;
    return s;
  };
  EXPECT_EQ(run("3.8"), (Seq{kSbw, "dir/1 @lock_rename"}));
  // lock_two_nondirectories(source, NULL) swaps NULL first: the source gets NONDIR2.
  EXPECT_EQ(run("6.4"), (Seq{kSbw, "dir/1 @lock_rename", "file/4 @lock_two_nondirectories"}));
  EXPECT_EQ(run("6.5"), (Seq{kSbw, "dir/1 @lock_rename", "file @lock_two_inodes"}));
  EXPECT_EQ(run("6.8"), (Seq{kSbw, "dir/1 @lock_rename", "file/4 @lock_two_nondirectories"}));
}

TEST(DirLocking, RenameIntoAChildDirectoryLocksParentThenChild) {
  const std::vector<std::string> tree = {"/victim/p/", "/victim/p/x/", "/victim/p/f"};
  auto run = [&](const char* k) {
    long r = 1;
    Seq s = classes(rename_locks(k, tree, "/victim/p/f", "/victim/p/x/g", 0, &r));
    EXPECT_EQ(r, 0) << k;
    return s;
  };
  EXPECT_EQ(run("6.4"), (Seq{kSbw, "rename_mutex @lock_rename", "dir/1 @lock_two_directories",
                             "dir/2 @lock_two_directories", "file/4 @lock_two_nondirectories"}));
  EXPECT_EQ(run("6.5"), (Seq{kSbw, "rename_mutex @lock_rename", "dir/1 @lock_two_directories",
                             "dir/2 @lock_two_directories", "file @lock_two_inodes"}));
  // 22e111ed6c83: the descendant parent as PARENT2, not CHILD.
  EXPECT_EQ(run("6.8"), (Seq{kSbw, "rename_mutex @lock_rename", "dir/1 @lock_two_directories",
                             "dir/5 @lock_two_directories", "file/4 @lock_two_nondirectories"}));
}

TEST(DirLocking, RmdirAndUnlinkLockParentThenVictimInEveryEra) {
  for (const char* kernel : {"3.8", "6.4", "6.5", "6.8"}) {
    auto k = boot(kernel);
    Acquisitions a;
    a.comm = "remover";
    run_task(*k, [&](sk::Kernel& kk) {
      EXPECT_EQ(kk.sys_mkdir("/victim/d", 0755), 0);
      EXPECT_EQ(kk.sys_mkdir("/victim/d/a", 0755), 0);
      EXPECT_GE(kk.sys_close(static_cast<int>(kk.sys_creat("/victim/d/f", 0644))), 0);
    });
    k->lockdep().add_observer(&a);
    run_task(*k, [&](sk::Kernel& kk) {
      EXPECT_EQ(kk.sys_rmdir("/victim/d/a"), 0);
      EXPECT_EQ(kk.sys_unlink("/victim/d/f"), 0);
    }, "remover");
    EXPECT_EQ(classes(a.seq), (Seq{kSbw, "dir/1 @do_rmdir", "dir @vfs_rmdir", kSbw, "dir/1 @do_unlinkat",
                                   "file @vfs_unlink"}))
        << kernel;
  }
}
