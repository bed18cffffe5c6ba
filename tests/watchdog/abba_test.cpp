// ABBA: two tasks take two locks in opposite orders. When the schedule
// interleaves them, the wait-for graph reports the circular wait naming both
// tasks; when it does not, lockdep's validator still predicts the inversion.
#include <gtest/gtest.h>

#include "simkernel/fs/vfs.h"
#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;

namespace {

sk::inode* mkdir_and_resolve(sk::Kernel& k, const char* p) {
  sk::inode* i = nullptr;
  k.spawn("setup", [&k, &i, p] {
    ASSERT_EQ(k.sys_mkdir(p, 0755), 0);
    sk::path pp;
    ASSERT_EQ(sk::user_path_at(AT_FDCWD, p, sk::LOOKUP_FOLLOW, &pp), 0);
    i = pp.dent->d_inode;
  });
  k.run();
  return i;
}

// lock_rename() without its ancestry ordering: the first directory as
// I_MUTEX_PARENT, the second as I_MUTEX_CHILD, with a nap in between.
void bad_lock_rename(sk::Kernel& k, sk::inode* first, sk::inode* second, uint64_t nap_ns) {
  KFRAME(sys_renameat);
  KFRAME(lock_rename);
  sk::mutex_lock_nested(&first->i_mutex, sk::I_MUTEX_PARENT);
  if (nap_ns) k.schedule_timeout(nap_ns);
  sk::mutex_lock_nested(&second->i_mutex, sk::I_MUTEX_CHILD);
  sk::mutex_unlock(&second->i_mutex);
  sk::mutex_unlock(&first->i_mutex);
}

void lock_pair(sk::Kernel& k, sk::mutex* first, sk::mutex* second, uint64_t nap_ns) {
  KFRAME(sys_renameat);
  KFRAME(vfs_rename);
  lock_pair_at(k, first, second, nap_ns);
}

void lock_pair_in_rmdir(sk::Kernel& k, sk::mutex* first, sk::mutex* second) {
  KFRAME(sys_rmdir);
  KFRAME(vfs_rmdir);
  lock_pair_at(k, first, second);
}

std::string pid_name(sk::Kernel& k, pid_t pid) {
  sk::task_struct* t = k.find_task_by_pid(pid);
  return t ? t->comm + "/" + std::to_string(pid) : "?";
}

}  // namespace

TEST(Abba, RamfsDirectoriesCircularWaitNamesBothTasks) {
  auto k = boot("3.9");
  sk::inode* a = mkdir_and_resolve(*k, "/tmp/a");
  sk::inode* b = mkdir_and_resolve(*k, "/tmp/b");
  ASSERT_TRUE(a && b);
  k->spawn("trinity-child1", [&] { bad_lock_rename(*k, a, b, kMs); });
  k->spawn("trinity-child2", [&] { bad_lock_rename(*k, b, a, kMs); });
  EXPECT_EQ(k->run(), sk::run_end::stopped);
  const sk::Report* r = find_report(*k, "circular-wait");
  ASSERT_NE(r, nullptr) << kinds(*k);
  EXPECT_TRUE(r->fatal);
  EXPECT_EQ(title_of(*r), "possible deadlock in lock_rename");
  ASSERT_EQ(r->tasks.size(), 2u);
  EXPECT_EQ(r->traces.size(), 2u);
  std::string t1 = pid_name(*k, r->tasks[0]), t2 = pid_name(*k, r->tasks[1]);
  EXPECT_NE(r->text.find("WARNING: possible deadlock: circular wait among tasks\n"), std::string::npos);
  for (const std::string& t : {t1, t2}) {
    EXPECT_NE(r->text.find(t + " is blocked on lock:"), std::string::npos) << r->text;
    EXPECT_NE(r->text.find("held by " + t + ":"), std::string::npos) << r->text;
    EXPECT_NE(r->text.find("locks on stack by " + t + ":"), std::string::npos) << r->text;
  }
  EXPECT_EQ(r->locks, (std::vector<std::string>{"&type->i_mutex_dir_key/1", "&type->i_mutex_dir_key/2"}));
  // Class-level lockdep sees /1 -> /2 from both tasks: no inversion to predict.
  EXPECT_EQ(count_reports(*k, "circular"), 0u);
}

TEST(Abba, TestLocksDeadlockAndPrediction) {
  auto k = boot("3.8");
  TestLocks l(*k);
  k->spawn("trinity-child1", [&] { lock_pair(*k, &l.a, &l.b, kMs); });
  k->spawn("trinity-child2", [&] { lock_pair(*k, &l.b, &l.a, kMs); });
  EXPECT_EQ(k->run(), sk::run_end::stopped);
  // The second task's acquisition closes the class cycle first (a warning),
  // then it sleeps and closes the wait-for cycle (fatal).
  ASSERT_EQ(k->reports().size(), 2u) << kinds(*k);
  EXPECT_EQ(kind_of(k->reports()[0]), "circular");
  EXPECT_EQ(kind_of(k->reports()[1]), "circular-wait");
  EXPECT_EQ(title_of(k->reports()[1]), "possible deadlock in vfs_rename");
  EXPECT_EQ(k->reports()[1].locks, (std::vector<std::string>{"&test->lock_a", "&test->lock_b"}));
  EXPECT_EQ(k->reports()[1].tasks.size(), 2u);
}

TEST(Abba, PredictedWithoutDeadlockWhenRunOneAfterTheOther) {
  auto k = boot("3.8");
  TestLocks l(*k);
  k->spawn("trinity-child1", [&] { lock_pair(*k, &l.a, &l.b, 0); });
  EXPECT_EQ(k->run(), sk::run_end::all_exited);
  EXPECT_TRUE(k->reports().empty()) << kinds(*k);
  k->spawn("trinity-child2", [&] { lock_pair_in_rmdir(*k, &l.b, &l.a); });
  EXPECT_EQ(k->run(), sk::run_end::all_exited);
  ASSERT_EQ(k->reports().size(), 1u) << kinds(*k);
  const sk::Report& r = k->reports()[0];
  EXPECT_EQ(kind_of(r), "circular");
  EXPECT_FALSE(r.fatal);
  EXPECT_EQ(title_of(r), "possible deadlock in vfs_rmdir");
  EXPECT_EQ(r.locks, (std::vector<std::string>{"&test->lock_a", "&test->lock_b"}));
  const std::string& s = r.text;
  const std::string hdr = "\n" + std::string(54, '=') + "\n[ INFO: possible circular locking dependency detected ]\n" +
                          "3.8.0-simtrinity #1 Not tainted\n" + std::string(55, '-') + "\n";
  EXPECT_EQ(s.rfind(hdr, 0), 0u) << s;
  auto lines = lines_of(mask_hex(s));
  auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
  EXPECT_TRUE(has(" (&test->lock_a){+.+.+.}, at: [<X>] vfs_rmdir+0xX/0xX")) << s;
  EXPECT_TRUE(has(" (&test->lock_b){+.+.+.}, at: [<X>] vfs_rmdir+0xX/0xX")) << s;
  EXPECT_TRUE(has("which lock already depends on the new lock.")) << s;
  EXPECT_TRUE(has("the existing dependency chain (in reverse order) is:")) << s;
  EXPECT_TRUE(has("-> #1 (&test->lock_b){+.+.+.}:")) << s;
  EXPECT_TRUE(has("-> #0 (&test->lock_a){+.+.+.}:")) << s;
  // #1's saved trace is where the first task took b under a.
  EXPECT_TRUE(has("       [<X>] lock_acquire+0xX/0xX")) << s;
  EXPECT_TRUE(has("       [<X>] vfs_rename+0xX/0xX")) << s;
  EXPECT_NE(s.find(" Possible unsafe locking scenario:\n\n"
                   "       CPU0                    CPU1\n"
                   "       ----                    ----\n"
                   "  lock(&test->lock_b);\n"
                   "                               lock(&test->lock_a);\n"
                   "                               lock(&test->lock_b);\n"
                   "  lock(&test->lock_a);\n"
                   "\n *** DEADLOCK ***\n\n"
                   "1 lock held by trinity-child2/"),
            std::string::npos)
      << s;
  EXPECT_EQ(s.find("Chain exists of:"), std::string::npos);
  EXPECT_NE(s.find("\nstack backtrace:\nPid: "), std::string::npos);
  EXPECT_NE(mask_hex(s).find("\n [<X>] system_call_fastpath+0xX/0xX\n"), std::string::npos);
  // Printed once: the same inversion again stays quiet.
  k->spawn("trinity-child3", [&] { lock_pair_in_rmdir(*k, &l.b, &l.a); });
  k->run();
  EXPECT_EQ(k->reports().size(), 1u);
}

TEST(Abba, ThreeClassChain) {
  auto k = boot("3.8");
  TestLocks l(*k);
  k->spawn("c1", [&] { lock_pair(*k, &l.a, &l.b, 0); });
  k->run();
  k->spawn("c2", [&] { lock_pair(*k, &l.b, &l.c, 0); });
  k->run();
  k->spawn("c3", [&] { lock_pair_in_rmdir(*k, &l.c, &l.a); });
  k->run();
  ASSERT_EQ(k->reports().size(), 1u) << kinds(*k);
  const std::string& s = k->reports()[0].text;
  if (getenv("WD_PRINT")) std::printf("%s\n", s.c_str());
  EXPECT_NE(s.find("\n-> #2 (&test->lock_c){+.+.+.}:\n"), std::string::npos) << s;
  EXPECT_NE(s.find("\n-> #1 (&test->lock_b){+.+.+.}:\n"), std::string::npos) << s;
  EXPECT_NE(s.find("\n-> #0 (&test->lock_a){+.+.+.}:\n"), std::string::npos) << s;
  EXPECT_NE(s.find("other info that might help us debug this:\n\n"
                   "Chain exists of:\n  &test->lock_a --> &test->lock_b --> &test->lock_c\n\n"
                   " Possible unsafe locking scenario:\n\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("  lock(&test->lock_c);\n                               lock(&test->lock_b);\n"
                   "                               lock(&test->lock_c);\n  lock(&test->lock_a);\n"),
            std::string::npos)
      << s;
  EXPECT_EQ(k->reports()[0].locks, (std::vector<std::string>{"&test->lock_a", "&test->lock_b", "&test->lock_c"}));
}
