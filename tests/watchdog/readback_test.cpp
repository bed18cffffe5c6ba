// The kernel prints, report/ names: every report the watchdog prints, in
// every dump style, reads back through report/ as one clean report of the
// kind its detector stands for, with a frame in its title and the lock
// classes the detector saw.
#include <gtest/gtest.h>

#include <sstream>

#include "report/parser.h"
#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;
namespace rpt = simtrinity::report;

namespace {

void article(sk::Kernel& k) {
  k.spawn("trinity-child2", [&k] { k.sys_rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x"); });
  k.run();
}

void splats(sk::Kernel& k) {
  TestLocks l(k);
  k.spawn("c1", [&] {
    KFRAME(sys_rmdir);
    KFRAME(vfs_rmdir);
    lock_pair_at(k, &l.a, &l.b);
  });
  k.run();
  k.spawn("c2", [&] {
    KFRAME(sys_mkdirat);
    KFRAME(vfs_mkdir);
    lock_pair_at(k, &l.b, &l.a);    // circular
    lock_pair_at(k, &l.x1, &l.x2);  // recursive
  });
  k.run();
  k.spawn("c3", [&] {
    {
      KFRAME(sys_ioctl);
      KFRAME(freeze_super);
      sk::mutex_lock(&l.c);
    }
    k.sys_getpid();  // returns to user space holding it
    KFRAME(sys_renameat);
    KFRAME(unlock_rename);
    sk::mutex_unlock(&l.c);
    sk::mutex_unlock(&l.c);  // bad unlock
  });
  k.run();
}

// Each report's text holds exactly one report for report/, clean, titled
// with a frame; returns "kind: title" per report.
std::vector<std::string> read_back(const sk::Kernel& k) {
  std::vector<std::string> out;
  for (const auto& r : k.reports()) {
    std::istringstream in(r.text);
    std::vector<rpt::ParsedReport> got;
    rpt::parse_stream(in, [&](auto&, auto&, rpt::ParsedReport&& p) { got.push_back(std::move(p)); });
    EXPECT_EQ(got.size(), 1u) << r.detector << "\n" << r.text;
    if (got.empty()) continue;
    const auto& p = got.front();
    EXPECT_FALSE(p.corrupted()) << p.corrupt_reason << "\n" << r.text;
    EXPECT_EQ(p.title.find("corrupted"), std::string::npos) << p.title << "\n" << r.text;
    EXPECT_FALSE(p.classes.empty()) << p.title << "\n" << r.text;
    out.push_back(std::string(rpt::kind_name(p.kind)) + ": " + p.title);
  }
  return out;
}

using Titles = std::vector<std::string>;

}  // namespace

TEST(ReadBack, EveryDetectorInEveryStyle) {
  for (int style = 0; style < 3; style++) {
    SCOPED_TRACE(style);
    const bool old = style != static_cast<int>(sk::lock_dump_style::modern);
    sk::WatchdogOptions wo;
    wo.style = style;
    auto k1 = boot("3.8", wo);
    article(*k1);
    EXPECT_EQ(read_back(*k1), (Titles{"dentry-alias: directory inode with several dentries in proc_lookup_de",
                                      "same-instance: same lock instance nested in lock_rename",
                                      "blocked-self: possible deadlock in lock_rename"}));

    wo.wait_for_graph = false;
    wo.no_runnable = false;
    auto k2 = boot("3.8", wo);
    article(*k2);
    const auto hung = read_back(*k2);
    EXPECT_NE(std::find(hung.begin(), hung.end(), "hung: INFO: task hung in lock_rename"), hung.end());

    auto k3 = boot("3.8", wo);
    splats(*k3);
    const std::string bug = old ? "BUG: " : "WARNING: ";
    EXPECT_EQ(read_back(*k3), (Titles{"circular: possible deadlock in vfs_mkdir", "recursive: possible deadlock in vfs_mkdir",
                                      "user-return: " + bug + "lock held when returning to user space in freeze_super",
                                      "bad-unlock: " + bug + "bad unlock balance in unlock_rename"}));
  }
}
