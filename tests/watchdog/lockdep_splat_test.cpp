// Lockdep's other splats in the 3.x formats (and the modern headers on
// request): recursive locking, bad unlock balance, lock held when returning
// to user space; read-after-read recursion stays quiet.
#include <gtest/gtest.h>

#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;

namespace {

std::string header(const std::string& title, size_t eq, size_t dash, const std::string& release = "3.8.0-simtrinity") {
  return "\n" + std::string(eq, '=') + "\n" + title + "\n" + release + " #1 Not tainted\n" + std::string(dash, '-') + "\n";
}

void take_twice(sk::Kernel& k, sk::mutex* first, sk::mutex* second) {
  KFRAME(sys_mkdirat);
  KFRAME(vfs_mkdir);
  lock_pair_at(k, first, second);
}

const sk::Report& only_report(const sk::Kernel& k) {
  EXPECT_EQ(k.reports().size(), 1u) << kinds(k);
  return k.reports().at(0);
}

}  // namespace

TEST(LockdepSplat, RecursiveLockingSameClassTwoInstances) {
  auto k = boot("3.8");
  TestLocks l(*k);
  k->spawn("trinity-child1", [&] { take_twice(*k, &l.x1, &l.x2); });
  EXPECT_EQ(k->run(), sk::run_end::all_exited);  // a warning: the run goes on
  const sk::Report& r = only_report(*k);
  EXPECT_EQ(kind_of(r), "recursive");
  EXPECT_FALSE(r.fatal);
  EXPECT_EQ(title_of(r), "possible deadlock in vfs_mkdir");
  EXPECT_EQ(r.locks, std::vector<std::string>{"&test->lock_x"});
  EXPECT_EQ(r.text.rfind(header("[ INFO: possible recursive locking detected ]", 45, 45), 0), 0u) << r.text;
  std::string m = mask_hex(r.text);
  EXPECT_NE(m.find(" is trying to acquire lock:\n (&test->lock_x){+.+.+.}, at: [<X>] vfs_mkdir+0xX/0xX\n\n"
                   "but task is already holding lock:\n (&test->lock_x){+.+.+.}, at: [<X>] vfs_mkdir+0xX/0xX\n\n"
                   "other info that might help us debug this:\n"
                   " Possible unsafe locking scenario:\n\n"
                   "       CPU0\n"
                   "       ----\n"
                   "  lock(&test->lock_x);\n"
                   "  lock(&test->lock_x);\n\n"
                   " *** DEADLOCK ***\n\n"
                   " May be due to missing lock nesting notation\n\n"
                   "1 lock held by trinity-child1/"),
            std::string::npos)
      << r.text;
  EXPECT_NE(m.find("\nstack backtrace:\nPid: "), std::string::npos);
  EXPECT_NE(m.find("Call Trace:\n [<X>] __lock_acquire+0xX/0xX\n [<X>] lock_acquire+0xX/0xX\n"), std::string::npos);
}

TEST(LockdepSplat, ReadAfterReadIsAllowedReadAfterWriteIsNot) {
  auto k = boot("3.8");
  TestLocks l(*k);
  k->spawn("readers", [&] {
    KFRAME(sys_read);
    sk::down_read(&l.s1);
    sk::down_read(&l.s2);
    sk::up_read(&l.s2);
    sk::up_read(&l.s1);
  });
  k->run();
  EXPECT_TRUE(k->reports().empty()) << kinds(*k);
  k->spawn("writer", [&] {
    KFRAME(sys_write);
    sk::down_write(&l.s1);
    sk::down_read(&l.s2);
    sk::up_read(&l.s2);
    sk::up_write(&l.s1);
  });
  k->run();
  EXPECT_EQ(kind_of(only_report(*k)), "recursive");
  EXPECT_EQ(title_of(only_report(*k)), "possible deadlock in sys_write");
  EXPECT_NE(only_report(*k).text.find("(&test->sem){++++++}"), std::string::npos) << only_report(*k).text;
}

TEST(LockdepSplat, BadUnlockBalance) {
  auto k = boot("3.8");
  TestLocks l(*k);
  k->spawn("trinity-child1", [&] {
    KFRAME(sys_renameat);
    KFRAME(unlock_rename);
    sk::mutex_unlock(&l.a);
  });
  EXPECT_EQ(k->run(), sk::run_end::all_exited);
  const sk::Report& r = only_report(*k);
  EXPECT_EQ(kind_of(r), "bad-unlock");
  EXPECT_EQ(title_of(r), "BUG: bad unlock balance in unlock_rename");
  EXPECT_EQ(r.locks, std::vector<std::string>{"&test->lock_a"});
  EXPECT_EQ(r.text.rfind(header("[ BUG: bad unlock balance detected! ]", 37, 37), 0), 0u) << r.text;
  std::string m = mask_hex(r.text);
  EXPECT_NE(m.find(" is trying to release lock (&test->lock_a) at:\n[<X>] unlock_rename+0xX/0xX\n"
                   "but there are no more locks to release!\n\nother info that might help us debug this:\n"
                   "no locks held by trinity-child1/"),
            std::string::npos)
      << r.text;
  EXPECT_NE(m.find("\nstack backtrace:\n"), std::string::npos);
}

TEST(LockdepSplat, LockHeldWhenReturningToUserSpace) {
  auto k = boot("3.8");
  TestLocks l(*k);
  k->spawn("trinity-child1", [&] {
    {
      KFRAME(sys_ioctl);
      KFRAME(freeze_super);
      sk::mutex_lock(&l.a);
    }
    k->sys_getpid();  // returns to user space with the mutex held
    k->sys_getpid();  // printed once
    KFRAME(sys_ioctl);
    sk::mutex_unlock(&l.a);
  });
  EXPECT_EQ(k->run(), sk::run_end::all_exited);
  const sk::Report& r = only_report(*k);
  EXPECT_EQ(kind_of(r), "user-return");
  EXPECT_EQ(title_of(r), "BUG: lock held when returning to user space in freeze_super");
  EXPECT_EQ(r.text.rfind(header("[ BUG: lock held when returning to user space! ]", 48, 48), 0), 0u) << r.text;
  EXPECT_NE(mask_hex(r.text).find(" is leaving the kernel with locks still held!\n1 lock held by trinity-child1/"),
            std::string::npos);
  EXPECT_EQ(r.text.find("stack backtrace:"), std::string::npos);  // Linux prints none here
}

TEST(LockdepSplat, ModernHeadersAndLockLines) {
  sk::WatchdogOptions wo;
  wo.style = static_cast<int>(sk::lock_dump_style::modern);
  auto k = boot("3.8", wo);
  TestLocks l(*k);
  k->spawn("trinity-child1", [&] { take_twice(*k, &l.x1, &l.x2); });
  k->run();
  const sk::Report& r = only_report(*k);
  EXPECT_EQ(r.text.rfind(header("WARNING: possible recursive locking detected", 44, 44), 0), 0u) << r.text;
  EXPECT_NE(mask_hex(r.text).find("is trying to acquire lock:\nX (&test->lock_x){+.+.}-{3:3}, at: vfs_mkdir+0xX/0xX\n"),
            std::string::npos)
      << r.text;
  EXPECT_NE(mask_hex(r.text).find(" #0: X (&test->lock_x){+.+.}-{3:3}, at: vfs_mkdir+0xX/0xX\n"), std::string::npos);
  EXPECT_NE(r.text.find("Call Trace:\n <TASK>\n __lock_acquire+0x"), std::string::npos) << r.text;
}

TEST(LockdepSplat, ModernCircularTitleSkipsPrimitives) {
  sk::WatchdogOptions wo;
  wo.style = static_cast<int>(sk::lock_dump_style::modern);
  auto k = boot("3.8", wo);
  TestLocks l(*k);
  k->spawn("c1", [&] { take_twice(*k, &l.a, &l.b); });
  k->run();
  k->spawn("c2", [&] { take_twice(*k, &l.b, &l.a); });
  k->run();
  const sk::Report& r = only_report(*k);
  EXPECT_EQ(kind_of(r), "circular");
  EXPECT_EQ(title_of(r), "possible deadlock in vfs_mkdir");
  EXPECT_EQ(r.text.rfind(header("WARNING: possible circular locking dependency detected", 54, 54), 0), 0u) << r.text;
}
