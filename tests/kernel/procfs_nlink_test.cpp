// procfs directory link counts as Linux computes them: 2 + the
// subdirectories a reader of the directory sees (proc_register() counting
// proc_dir_entry subdirectories, pid_entry_count_dirs() for /proc/PID and
// task/TID, proc_task_getattr() for task/, proc_tgid_net_getattr() for
// /proc/PID/net, proc_root_getattr() for /proc). The subdirectories are
// counted from getdents64, so a table entry, a netns entry or a task that
// is added without its link (or the other way round) fails here.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "tests/kernel/kernel_harness.h"

using namespace sktest;

namespace {

struct Count {
  long stat = 0, nlink = 0, dirs = 0;
};

// stat() and one getdents64 pass over `dir`, as the task running it sees them.
Count count(sk::Kernel& k, const std::string& dir) {
  Count c;
  sk::kstat st{};
  c.stat = k.sys_stat(dir.c_str(), &st);
  c.nlink = st.nlink;
  long fd = k.sys_open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return c;
  char buf[8192];
  for (;;) {
    long n = k.sys_getdents64(static_cast<int>(fd), buf, sizeof buf);
    if (n <= 0) break;
    for (long off = 0; off < n;) {
      auto* d = reinterpret_cast<sk::linux_dirent64*>(buf + off);
      if (d->d_type == DT_DIR && std::strcmp(d->d_name, ".") != 0 && std::strcmp(d->d_name, "..") != 0) c.dirs++;
      off += d->d_reclen;
    }
  }
  k.sys_close(static_cast<int>(fd));
  return c;
}

}  // namespace

TEST(ProcfsNlink, TwoPlusSubdirectories) {
  for (const char* prof : {"3.8", "3.9"}) {
    auto k = boot(prof);
    run_task(*k, [&](sk::Kernel& kk) {
      for (const char* dir : {"/proc", "/proc/self", "/proc/1", "/proc/self/task", "/proc/self/net",
                              "/proc/self/net/stat", "/proc/self/net/dev_snmp6", "/proc/self/ns", "/proc/self/fd",
                              "/proc/self/fdinfo", "/proc/self/attr", "/proc/self/map_files"}) {
        Count c = count(kk, dir);
        ASSERT_EQ(c.stat, 0) << prof << " " << dir;
        EXPECT_EQ(c.nlink, 2 + c.dirs) << prof << " " << dir;
      }
    });
  }
}

// 3.9 (fs/proc/base.c): task, fd, map_files, fdinfo, ns, net, attr.
TEST(ProcfsNlink, PidDirectoryHas39sSubdirectories) {
  auto k = boot("3.9");
  sk::kstat st{};
  ASSERT_EQ(call(*k, [&](sk::Kernel& kk) { return kk.sys_stat("/proc/1", &st); }), 0);
  EXPECT_EQ(st.nlink, 9u);
}
