// The watchdog and triage name reports by the same syzkaller rules
// (simkernel/debug/report_title.h): triage reading our text must give our
// title back, in every dump style.
#include <gtest/gtest.h>

#include <sstream>

#include "fuzzer/triage/report_parser.h"
#include "tests/watchdog/watchdog_harness.h"

using namespace wdtest;

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
    lock_pair_at(k, &l.b, &l.a);  // circular
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

// Every report triage recognises carries our title; returns how many it read.
size_t check_titles(const sk::Kernel& k) {
  size_t parsed = 0;
  for (const auto& r : k.reports()) {
    std::istringstream in(r.text);
    simtrinity::triage::parse_stream(in, [&](auto&, auto&, simtrinity::triage::ParsedReport&& p) {
      parsed++;
      EXPECT_EQ(p.title, r.title) << r.kind << "\n" << r.text;
      EXPECT_FALSE(p.corrupted()) << p.corrupt_reason << "\n" << r.text;
    });
  }
  return parsed;
}

}  // namespace

TEST(TriageAgreement, TitlesRoundTripInEveryStyle) {
  for (int style = 0; style < 3; style++) {
    sk::WatchdogOptions wo;
    wo.style = style;
    auto k1 = boot("3.8", wo);
    article(*k1);  // vfs-invariant, deadlock
    // vfs-invariant, same-instance nesting, deadlock: every one read back.
    EXPECT_EQ(k1->reports().size(), 3u) << kinds(*k1);
    EXPECT_EQ(check_titles(*k1), k1->reports().size()) << kinds(*k1);

    wo.wait_for_graph = false;
    wo.no_runnable = false;
    auto k2 = boot("3.8", wo);
    article(*k2);  // hung task
    ASSERT_NE(find_report(*k2, "hung-task"), nullptr);
    EXPECT_GE(check_titles(*k2), 2u) << kinds(*k2);

    auto k3 = boot("3.8", wo);
    splats(*k3);
    EXPECT_EQ(count_reports(*k3, "circular-locking") + count_reports(*k3, "recursive-locking") +
                  count_reports(*k3, "user-return") + count_reports(*k3, "bad-unlock"),
              4u)
        << kinds(*k3);
    EXPECT_EQ(check_titles(*k3), 4u) << kinds(*k3);
  }
}
