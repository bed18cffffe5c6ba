// Bad input never crashes the kernel: NULL and empty paths, paths and
// components at and past PATH_MAX/NAME_MAX, bad fds, all flag bits set,
// huge counts with small (honestly sized) buffers. Run under asan too.
#include <gtest/gtest.h>

#include <climits>
#include <string>
#include <vector>

#include "tests/kernel/kernel_harness.h"

using namespace sktest;
using sk::Kernel;

namespace {

std::string path_of_len(const std::string& prefix, size_t n, char fill = '/') {
  std::string s = prefix;
  while (s.size() + 1 < n) s += fill;
  s += 'z';
  return s;
}

// Every path-taking syscall on `p`: none may crash; results are errors or
// successes, never garbage.
void every_path_call(Kernel& k, const char* p) {
  char buf[64];
  sk::kstat st{};
  std::vector<long> r = {
      k.sys_open(p, O_RDONLY),
      k.sys_open(p, O_CREAT | O_RDWR, 0644),
      k.sys_openat(AT_FDCWD, p, O_RDONLY | O_DIRECTORY),
      k.sys_creat(p, 0644),
      k.sys_mkdir(p, 0755),
      k.sys_mkdirat(AT_FDCWD, p, 0755),
      k.sys_rmdir(p),
      k.sys_unlink(p),
      k.sys_unlinkat(AT_FDCWD, p, AT_REMOVEDIR),
      k.sys_rename(p, "/tmp/r"),
      k.sys_rename("/tmp/r", p),
      k.sys_renameat2(AT_FDCWD, p, AT_FDCWD, p, RENAME_EXCHANGE),
      k.sys_link(p, "/tmp/l"),
      k.sys_link("/tmp/l", p),
      k.sys_linkat(AT_FDCWD, p, AT_FDCWD, "/tmp/l2", AT_SYMLINK_FOLLOW),
      k.sys_symlink(p, "/tmp/s"),
      k.sys_symlink("/tmp", p),
      k.sys_symlinkat("/tmp", AT_FDCWD, p),
      k.sys_readlink(p, buf, sizeof buf),
      k.sys_readlinkat(AT_FDCWD, p, buf, sizeof buf),
      k.sys_stat(p, &st),
      k.sys_lstat(p, &st),
      k.sys_chdir(p),
      k.sys_mount(p, "/tmp", nullptr, MS_BIND, nullptr),
      k.sys_mount("/tmp", p, nullptr, MS_BIND, nullptr),
      k.sys_umount2(p, 0),
      k.sys_chdir("/"),
  };
  for (long v : r) EXPECT_GE(v, -4095) << p;
  // Close whatever got opened.
  for (int fd = 0; fd < 64; fd++) k.sys_close(fd);
}

TEST(BadInput, NullPaths) {
  auto k = boot("3.8", true);
  run_task(*k, [](Kernel& k) {
    char buf[16];
    sk::kstat st{};
    EXPECT_EQ(k.sys_open(nullptr, O_RDONLY), -EFAULT);
    EXPECT_EQ(k.sys_openat(AT_FDCWD, nullptr, O_CREAT | O_RDWR, 0644), -EFAULT);
    EXPECT_EQ(k.sys_creat(nullptr, 0644), -EFAULT);
    EXPECT_EQ(k.sys_mkdir(nullptr, 0755), -EFAULT);
    EXPECT_EQ(k.sys_mkdirat(AT_FDCWD, nullptr, 0755), -EFAULT);
    EXPECT_EQ(k.sys_rmdir(nullptr), -EFAULT);
    EXPECT_EQ(k.sys_unlink(nullptr), -EFAULT);
    EXPECT_EQ(k.sys_unlinkat(AT_FDCWD, nullptr, AT_REMOVEDIR), -EFAULT);
    EXPECT_EQ(k.sys_rename(nullptr, "/tmp/x"), -EFAULT);
    EXPECT_EQ(k.sys_rename("/tmp", nullptr), -EFAULT);
    EXPECT_EQ(k.sys_renameat(AT_FDCWD, nullptr, AT_FDCWD, nullptr), -EFAULT);
    EXPECT_EQ(k.sys_renameat2(AT_FDCWD, nullptr, AT_FDCWD, nullptr, 0), -ENOSYS);  // 3.15
    EXPECT_EQ(k.sys_link(nullptr, "/tmp/x"), -EFAULT);
    EXPECT_EQ(k.sys_link("/tmp", nullptr), -EFAULT);
    EXPECT_EQ(k.sys_symlink(nullptr, "/tmp/x"), -EFAULT);
    EXPECT_EQ(k.sys_symlink("/tmp", nullptr), -EFAULT);
    EXPECT_EQ(k.sys_readlink(nullptr, buf, sizeof buf), -EFAULT);
    EXPECT_EQ(k.sys_stat(nullptr, &st), -EFAULT);
    EXPECT_EQ(k.sys_lstat(nullptr, &st), -EFAULT);
    EXPECT_EQ(k.sys_chdir(nullptr), -EFAULT);
    EXPECT_EQ(k.sys_mount(nullptr, "/tmp", nullptr, MS_BIND, nullptr), -EFAULT);
    EXPECT_EQ(k.sys_mount("/tmp", nullptr, nullptr, MS_BIND, nullptr), -EFAULT);
    EXPECT_EQ(k.sys_umount2(nullptr, 0), -EFAULT);
    // NULL buffers
    EXPECT_EQ(k.sys_fstat(-1, nullptr), -EBADF);
    EXPECT_EQ(k.sys_symlink("/tmp", "/tmp/l"), 0);
    EXPECT_EQ(k.sys_readlink("/tmp/l", nullptr, 16), -EFAULT);
    EXPECT_EQ(k.sys_mount("none", "/tmp", nullptr, 0, nullptr), -EINVAL);  // no type
    int fd = static_cast<int>(k.sys_open("/tmp", O_RDONLY));
    EXPECT_EQ(k.sys_fstat(fd, nullptr), -EFAULT);
    EXPECT_EQ(k.sys_getdents64(fd, nullptr, 100), -EFAULT);
    EXPECT_EQ(k.sys_read(fd, nullptr, 0), -EISDIR);
    EXPECT_EQ(k.sys_write(fd, nullptr, 0), -EBADF);
  });
  EXPECT_TRUE(k->reports().empty());
}

TEST(BadInput, EmptyAndOverlongPaths) {
  auto k = boot("3.8", true);
  run_task(*k, [](Kernel& k) {
    sk::kstat st{};
    EXPECT_EQ(k.sys_stat("", &st), -ENOENT);
    const std::string p4095 = path_of_len("/tmp", 4095);
    const std::string p4096 = path_of_len("/tmp", 4096);
    const std::string p10000 = path_of_len("/tmp", 10000);
    ASSERT_EQ(p4095.size(), 4095u);
    ASSERT_EQ(p4096.size(), 4096u);
    EXPECT_EQ(k.sys_stat(p4095.c_str(), &st), -ENOENT);
    EXPECT_EQ(k.sys_stat(p4096.c_str(), &st), -ENAMETOOLONG);
    EXPECT_EQ(k.sys_mkdir(p4095.c_str(), 0755), 0);  // "/tmp////...///z" is /tmp/z
    EXPECT_EQ(k.sys_stat("/tmp/z", &st), 0);
    EXPECT_EQ(k.sys_mkdir(p4096.c_str(), 0755), -ENAMETOOLONG);
    EXPECT_EQ(k.sys_symlink(p4095.c_str(), "/tmp/long"), 0);  // a 4095-byte target fits
    char buf[8192];
    EXPECT_EQ(k.sys_readlink("/tmp/long", buf, sizeof buf), 4095);
    EXPECT_EQ(k.sys_stat("/tmp/long", &st), 0);
    const std::string c255 = "/tmp/" + std::string(255, 'n');
    const std::string c256 = "/tmp/" + std::string(256, 'n');
    EXPECT_EQ(k.sys_mkdir(c255.c_str(), 0755), 0);
    EXPECT_EQ(k.sys_stat(c255.c_str(), &st), 0);
    EXPECT_EQ(k.sys_mkdir(c256.c_str(), 0755), -ENAMETOOLONG);
    EXPECT_EQ(k.sys_open(c256.c_str(), O_CREAT | O_RDWR, 0644), -ENAMETOOLONG);
    EXPECT_EQ(k.sys_rename(c255.c_str(), c256.c_str()), -ENAMETOOLONG);
    for (const std::string* p : {&p4095, &p4096, &p10000, &c255, &c256})
      every_path_call(k, p->c_str());
    for (const char* p : {"", "/", ".", "..", "//", "/./..", "/tmp/", "/tmp//.//", "/proc/self/..", "/proc/1/net/stat/.",
                          "/proc/self/fd/0", "/proc/self/cwd/", "/dev/null/", "/victim/../victim"})
      every_path_call(k, p);
    // A 4095-byte path of nested components (each 200 bytes).
    std::string deep = "/tmp";
    while (deep.size() + 201 <= 4095) {
      deep += "/" + std::string(200, 'd');
      EXPECT_EQ(k.sys_mkdir(deep.c_str(), 0755), 0) << deep.size();
    }
    EXPECT_EQ(k.sys_stat(deep.c_str(), &st), 0);
    EXPECT_EQ(k.sys_chdir(deep.c_str()), 0);
    EXPECT_EQ(k.sys_readlink("/proc/self/cwd", buf, sizeof buf), static_cast<long>(deep.size()));
  });
  EXPECT_TRUE(k->reports().empty());
}

TEST(BadInput, BadFds) {
  auto k = boot("3.8", true);
  run_task(*k, [](Kernel& k) {
    char buf[64];
    sk::kstat st{};
    for (int fd : {-1, -100, 3, 1023, 1024, 100000, INT_MAX, INT_MIN}) {
      SCOPED_TRACE(fd);
      EXPECT_EQ(k.sys_read(fd, buf, sizeof buf), -EBADF);
      EXPECT_EQ(k.sys_write(fd, buf, sizeof buf), -EBADF);
      EXPECT_EQ(k.sys_close(fd), -EBADF);
      EXPECT_EQ(k.sys_fstat(fd, &st), -EBADF);
      EXPECT_EQ(k.sys_getdents64(fd, buf, sizeof buf), -EBADF);
      EXPECT_EQ(k.sys_fchdir(fd), -EBADF);
      EXPECT_EQ(k.sys_ioctl(fd, FIFREEZE, 0), -EBADF);
      EXPECT_EQ(k.sys_setns(fd, 0), -EBADF);
      if (fd != AT_FDCWD) {
        EXPECT_EQ(k.sys_openat(fd, "x", O_RDONLY), -EBADF);
        EXPECT_EQ(k.sys_mkdirat(fd, "x", 0755), -EBADF);
        EXPECT_EQ(k.sys_unlinkat(fd, "x", 0), -EBADF);
        EXPECT_EQ(k.sys_renameat(fd, "x", fd, "y"), -EBADF);
        EXPECT_EQ(k.sys_linkat(fd, "x", fd, "y", 0), -EBADF);
        EXPECT_EQ(k.sys_symlinkat("x", fd, "y"), -EBADF);
        EXPECT_EQ(k.sys_readlinkat(fd, "x", buf, sizeof buf), -EBADF);
      }
    }
  });
  EXPECT_TRUE(k->reports().empty());
}

TEST(BadInput, AllFlagBits) {
  auto k = boot("3.8", true);
  run_task(*k, [](Kernel& k) {
    EXPECT_EQ(k.sys_mkdir("/tmp/d", 0755), 0);
    EXPECT_EQ(k.sys_creat("/tmp/f", 0644), 0);
    EXPECT_EQ(k.sys_close(0), 0);
    EXPECT_EQ(k.sys_unlinkat(AT_FDCWD, "/tmp/f", ~0), -EINVAL);
    EXPECT_EQ(k.sys_unlinkat(AT_FDCWD, "/tmp/d", -1), -EINVAL);
    EXPECT_EQ(k.sys_renameat2(AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/g", ~0u), -ENOSYS);  // 3.15
    EXPECT_EQ(k.sys_umount2("/victim", ~0), -EINVAL);
    EXPECT_EQ(k.sys_linkat(AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/g", ~0), -EINVAL);
    EXPECT_EQ(k.sys_unshare(~0UL), -EINVAL);
    // open ignores unknown bits; with every bit set it is O_CREAT|O_EXCL|O_DIRECTORY|O_PATH|...
    long r = k.sys_open("/tmp/f", ~0, 07777);
    EXPECT_GE(r, -4095);
    if (r >= 0) k.sys_close(static_cast<int>(r));
    r = k.sys_open("/tmp/new", ~0, 07777);
    EXPECT_GE(r, -4095);
    if (r >= 0) k.sys_close(static_cast<int>(r));
    r = k.sys_open("/tmp/d", ~0 & ~O_CREAT, 0);
    EXPECT_GE(r, -4095);
    if (r >= 0) k.sys_close(static_cast<int>(r));
    long m = k.sys_mount("/tmp/d", "/tmp/d", nullptr, ~0UL, nullptr);
    EXPECT_GE(m, -4095);
    int fd = static_cast<int>(k.sys_open("/tmp", O_RDONLY));
    for (unsigned cmd : {0u, ~0u, 0x80000000u, 0x5401u})
      EXPECT_EQ(k.sys_ioctl(fd, cmd, ~0UL), -ENOTTY);
    // mode bits beyond 07777 are dropped
    EXPECT_EQ(k.sys_mkdir("/tmp/m", ~0u), 0);
    sk::kstat st{};
    EXPECT_EQ(k.sys_stat("/tmp/m", &st), 0);
    EXPECT_TRUE(S_ISDIR(st.mode));
  });
  EXPECT_TRUE(k->reports().empty());
}

TEST(BadInput, HugeCountsSmallBuffers) {
  auto k = boot("3.8", true);
  run_task(*k, [](Kernel& k) {
    // The counts are honest (they match the buffer); the buffers are small.
    alignas(8) char small[32];
    for (const char* dir : {"/", "/tmp", "/proc", "/proc/1", "/proc/1/net", "/proc/1/net/stat", "/dev"}) {
      SCOPED_TRACE(dir);
      int fd = static_cast<int>(k.sys_open(dir, O_RDONLY | O_DIRECTORY));
      ASSERT_GE(fd, 0);
      for (size_t n : {size_t{0}, size_t{1}, size_t{19}, size_t{24}, sizeof small}) {
        long r = k.sys_getdents64(fd, small, n);
        EXPECT_TRUE(r == -EINVAL || (r >= 0 && static_cast<size_t>(r) <= n)) << n << " -> " << r;
      }
      // Walk the whole directory 32 bytes at a time.
      int guard = 0;
      long r;
      while ((r = k.sys_getdents64(fd, small, sizeof small)) > 0 && guard++ < 10000) EXPECT_LE(r, 32);
      EXPECT_TRUE(r == 0 || r == -EINVAL);
      k.sys_close(fd);
    }
    std::vector<char> big(1 << 16);
    for (const char* f : {"/proc/1/status", "/proc/1/net/dev", "/proc/self/cmdline", "/proc/1/stat", "/dev/zero",
                          "/dev/null", "/proc/1/net/tcp"}) {
      SCOPED_TRACE(f);
      int fd = static_cast<int>(k.sys_open(f, O_RDONLY));
      ASSERT_GE(fd, 0);
      for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{32}}) {
        long r = k.sys_read(fd, small, n);
        EXPECT_TRUE(r >= 0 && static_cast<size_t>(r) <= n) << n << " -> " << r;
      }
      long r = k.sys_read(fd, big.data(), big.size());
      EXPECT_GE(r, 0);
      EXPECT_LE(r, static_cast<long>(big.size()));
      k.sys_close(fd);
    }
    // a big write and a read back in small pieces
    int fd = static_cast<int>(k.sys_open("/tmp/big", O_CREAT | O_RDWR, 0644));
    std::fill(big.begin(), big.end(), 'q');
    EXPECT_EQ(k.sys_write(fd, big.data(), big.size()), static_cast<long>(big.size()));
    k.sys_close(fd);
    fd = static_cast<int>(k.sys_open("/tmp/big", O_RDONLY));
    long total = 0, r;
    while ((r = k.sys_read(fd, small, sizeof small)) > 0) total += r;
    EXPECT_EQ(r, 0);
    EXPECT_EQ(total, static_cast<long>(big.size()));
    char lbuf[4];
    EXPECT_EQ(k.sys_readlink("/proc/self/cwd", lbuf, sizeof lbuf), 1);
    EXPECT_EQ(k.sys_readlink("/proc/self/exe", lbuf, -1), -EINVAL);
  });
  EXPECT_TRUE(k->reports().empty());
}

TEST(BadInput, RandomGarbagePaths) {
  auto k = boot("3.8", true, 5);
  run_task(*k, [](Kernel& k) {
    sk::Prng rng(99);
    const char alphabet[] = "/./..a\x01\xff/proc/self/tmp/victim";
    for (int i = 0; i < 400; i++) {
      std::string p;
      size_t n = rng.below(40);
      for (size_t j = 0; j < n; j++) p += alphabet[rng.below(sizeof alphabet - 1)];
      every_path_call(k, p.c_str());
    }
  });
  EXPECT_TRUE(k->reports().empty());
}

}  // namespace
