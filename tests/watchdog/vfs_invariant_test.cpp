// The VFS invariant: a directory inode gets a second dentry. On 3.8 a stat
// of /proc/1/net/stat and /proc/2/net/stat is enough (no rename needed); on
// 3.9 every dentry has its own inode and nothing fires.
#include <gtest/gtest.h>

#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;

namespace {

struct Stats {
  long ra = 1, rb = 1;
  sk::kstat a{}, b{};
};

Stats stat_both(sk::Kernel& k, const char* p1, const char* p2) {
  Stats s;
  k.spawn("trinity-child1", [&] {
    s.ra = k.sys_stat(p1, &s.a);
    s.rb = k.sys_stat(p2, &s.b);
  });
  k.run();
  return s;
}

}  // namespace

TEST(VfsInvariant, FiresOn38AfterTwoStats) {
  auto k = boot("3.8");
  Stats s = stat_both(*k, "/proc/1/net/stat", "/proc/2/net/stat");
  ASSERT_EQ(s.ra, 0);
  ASSERT_EQ(s.rb, 0);
  ASSERT_EQ(k->reports().size(), 1u) << kinds(*k);
  const sk::Report& r = k->reports()[0];
  EXPECT_EQ(kind_of(r), "dentry-alias");
  EXPECT_FALSE(r.fatal);
  EXPECT_EQ(title_of(r), "directory inode with several dentries in proc_lookup_de");
  const std::string hdr = "\n" + std::string(46, '=') + "\nWARNING: directory inode with several dentries\n";
  EXPECT_EQ(r.text.rfind(hdr, 0), 0u) << r.text;
  EXPECT_NE(r.text.find("\nWE CAN NOT HAVE SEVERAL DENTRIES OVER THE SAME DIRECTORY INODE\n"), std::string::npos);
  EXPECT_NE(r.text.find("directory inode " + std::to_string(s.a.ino) + " on proc "), std::string::npos) << r.text;
  EXPECT_NE(r.text.find(": /proc/1/net/stat\n"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find(": /proc/2/net/stat (new)\n"), std::string::npos) << r.text;
  EXPECT_NE(mask_hex(r.text).find("Call Trace:\n [<X>] d_instantiate+0xX/0xX\n"), std::string::npos) << r.text;
  EXPECT_NE(mask_hex(r.text).find(" [<X>] sys_newstat+0xX/0xX\n [<X>] system_call_fastpath+0xX/0xX\n"),
            std::string::npos);
  EXPECT_EQ(r.traces.size(), 1u);
}

TEST(VfsInvariant, ReportedOncePerInode) {
  auto k = boot("3.8");
  stat_both(*k, "/proc/1/net/stat", "/proc/2/net/stat");
  stat_both(*k, "/proc/self/net/stat", "/proc/2/net/stat");  // a third dentry, same inode
  EXPECT_EQ(count_reports(*k, "dentry-alias"), 1u) << kinds(*k);
  stat_both(*k, "/proc/1/net/dev", "/proc/2/net/dev");  // /proc/PID/net/dev is a file: no invariant
  EXPECT_EQ(count_reports(*k, "dentry-alias"), 1u) << kinds(*k);
}

TEST(VfsInvariant, NeverOn39) {
  auto k = boot("3.9");
  Stats s = stat_both(*k, "/proc/1/net/stat", "/proc/2/net/stat");
  ASSERT_EQ(s.ra, 0);
  ASSERT_EQ(s.rb, 0);
  EXPECT_EQ(s.a.ino, s.b.ino);  // same i_ino, distinct inodes
  stat_both(*k, "/proc/self/net/stat", "/proc/net/stat");
  EXPECT_TRUE(k->reports().empty()) << kinds(*k);
}
