// The article's facts about /proc/PID/net on each profile.
#include <gtest/gtest.h>

#include "simkernel/fs/vfs.h"
#include "tests/kernel/kernel_harness.h"

using namespace sktest;

namespace {

struct StatPair {
  sk::kstat a{}, b{};
  long ra = 0, rb = 0;
};

StatPair stat_both(sk::Kernel& k, const char* p1, const char* p2) {
  StatPair s;
  run_task(k, [&](sk::Kernel& kk) {
    s.ra = kk.sys_stat(p1, &s.a);
    s.rb = kk.sys_stat(p2, &s.b);
  });
  return s;
}

sk::inode* inode_of(sk::Kernel& k, const char* p) {
  sk::inode* i = nullptr;
  run_task(k, [&](sk::Kernel&) {
    sk::path pp;
    if (sk::user_path_at(AT_FDCWD, p, sk::LOOKUP_FOLLOW, &pp) == 0) i = pp.dent->d_inode;
  });
  return i;
}

}  // namespace

TEST(Procfs, Pids1And2ExistAfterBoot) {
  auto k = boot("3.8");
  ASSERT_NE(k->find_task_by_pid(1), nullptr);
  ASSERT_NE(k->find_task_by_pid(2), nullptr);
  EXPECT_EQ(k->find_task_by_pid(1)->comm, "init");
  EXPECT_EQ(k->find_task_by_pid(2)->comm, "kthreadd");
}

TEST(Procfs, NetStatSameInoOn38And39) {
  for (const char* prof : {"3.8", "3.9"}) {
    auto k = boot(prof);
    StatPair s = stat_both(*k, "/proc/1/net/stat", "/proc/2/net/stat");
    ASSERT_EQ(s.ra, 0) << prof;
    ASSERT_EQ(s.rb, 0) << prof;
    EXPECT_EQ(s.a.ino, s.b.ino) << prof;
    EXPECT_TRUE(S_ISDIR(s.a.mode)) << prof;
    EXPECT_EQ(s.a.ino & 0xF0000000u, 0xF0000000u) << prof;  // a proc_alloc_inum() number
  }
}

TEST(Procfs, OneInodeTwoDentriesOn38TwoInodesOn39) {
  auto k38 = boot("3.8");
  sk::inode* a = inode_of(*k38, "/proc/1/net/stat");
  sk::inode* b = inode_of(*k38, "/proc/2/net/stat");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a->i_dentry.size(), 2u);

  auto k39 = boot("3.9");
  a = inode_of(*k39, "/proc/1/net/stat");
  b = inode_of(*k39, "/proc/2/net/stat");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a, b);
  EXPECT_EQ(a->i_dentry.size(), 1u);
  EXPECT_EQ(b->i_dentry.size(), 1u);
}

TEST(Procfs, NoNetDirOn2624ButProcNetIsADirectory) {
  auto k = boot("2.6.24");
  StatPair s = stat_both(*k, "/proc/1/net", "/proc/net/stat");
  EXPECT_EQ(s.ra, -ENOENT);
  EXPECT_EQ(s.rb, 0);
  sk::kstat st{};
  EXPECT_EQ(call(*k, [&](sk::Kernel& kk) { return kk.sys_lstat("/proc/net", &st); }), 0);
  EXPECT_TRUE(S_ISDIR(st.mode));
}

TEST(Procfs, NetnsSymlinkProfileResolvesToOneDirectory) {
  auto k = boot("netns-symlink");
  sk::inode* a = inode_of(*k, "/proc/1/net/stat");
  sk::inode* b = inode_of(*k, "/proc/2/net/stat");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a->i_dentry.size(), 1u);  // one dentry: no alias
  char buf[64] = {};
  long n = call(*k, [&](sk::Kernel& kk) { return kk.sys_readlink("/proc/1/net", buf, sizeof buf); });
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, n).rfind("../netns-", 0), 0u) << std::string(buf, n);
}

std::string read_file(sk::Kernel& kk, const char* p) {
  char buf[4096];
  long fd = kk.sys_open(p, O_RDONLY);
  if (fd < 0) return "error";
  long n = kk.sys_read(static_cast<int>(fd), buf, sizeof buf);
  kk.sys_close(static_cast<int>(fd));
  return std::string(buf, n > 0 ? n : 0);
}

TEST(Procfs, ProcNetDevListsTheNamespacesDevices) {
  auto k = boot("3.8");
  std::string init_dev, new_dev;
  run_task(*k, [&](sk::Kernel& kk) {
    init_dev = read_file(kk, "/proc/net/dev");
    kk.sys_clone(CLONE_NEWNET, [&] { new_dev = read_file(kk, "/proc/self/net/dev"); });
  });
  EXPECT_NE(init_dev.find("eth0:"), std::string::npos);
  EXPECT_NE(init_dev.find("lo:"), std::string::npos);
  EXPECT_EQ(new_dev.find("eth0:"), std::string::npos) << new_dev;
  EXPECT_NE(new_dev.find("lo:"), std::string::npos) << new_dev;
}

// As in Linux before 4.18 ("proc: fix /proc/net/* after setns(2)"), the
// entries under /proc/PID/net stay in the dcache across unshare(): a task
// that looked at its /proc/self/net before keeps seeing the old namespace.
TEST(Procfs, ProcNetEntriesStayCachedAcrossUnshare) {
  auto k = boot("3.8");
  std::string before, after;
  run_task(*k, [&](sk::Kernel& kk) {
    before = read_file(kk, "/proc/self/net/dev");
    ASSERT_EQ(kk.sys_unshare(CLONE_NEWNET), 0);
    after = read_file(kk, "/proc/self/net/dev");
  });
  EXPECT_NE(before.find("eth0:"), std::string::npos);
  EXPECT_EQ(after, before);
}
