// A Kernel can be destroyed whatever state its tasks are in: never run,
// preempted, blocked on a lock, asleep, or never scheduled at all because
// run() was never called. Found by `simtrinity minimize` on a 10,562-call
// finding: the kernel's teardown started a child task that had never run, and
// the child's body read the kernel through a std::unique_ptr that reset() had
// already nulled (SIGSEGV).
#include <gtest/gtest.h>

#include <memory>

#include "tests/kernel/kernel_harness.h"

using namespace sktest;

namespace {

// Counts how far a task body got and whether it was unwound.
struct Probe {
  int started = 0, finished = 0, unwound = 0;
};
struct UnwindMark {
  Probe& p;
  ~UnwindMark() { p.unwound++; }
};

}  // namespace

TEST(Teardown, ANeverRunChildDoesNotStartWhenTheKernelIsReset) {
  Probe child;
  std::unique_ptr<sk::Kernel> k = boot("3.8");
  k->spawn("parent", [&] {
    // The child's body reads the kernel through the owning pointer, as
    // fuzzer/prog/exec.cpp did.
    k->spawn("child", [&] {
      child.started++;
      k->sys_getpid();
      child.finished++;
    }, sk::current_task());
    k->request_stop();  // the run ends before the child is ever scheduled
  });
  EXPECT_EQ(k->run(), sk::run_end::stopped);
  k.reset();  // null first, then ~Kernel(): the child must not start now
  EXPECT_EQ(child.started, 0);
  EXPECT_EQ(child.finished, 0);
}

TEST(Teardown, TasksInEveryStateUnwind) {
  Probe blocked, asleep, preempted, never;
  {
    auto k = boot("3.8");
    sk::Kernel& kk = *k;
    // Blocked for good: the article's rename takes one i_mutex twice.
    kk.spawn("blocked", [&] {
      UnwindMark m{blocked};
      blocked.started++;
      kk.sys_rename("/proc/1/net/stat/a", "/proc/2/net/stat/b");
      blocked.finished++;
    });
    // Asleep far beyond the end of the run.
    kk.spawn("asleep", [&] {
      UnwindMark m{asleep};
      asleep.started++;
      kk.schedule_timeout(3600ULL * 1'000'000'000ULL);
      asleep.finished++;
    });
    // Runnable, preempted at a scheduling point when the step limit hits.
    kk.spawn("preempted", [&] {
      UnwindMark m{preempted};
      preempted.started++;
      for (;;) kk.sys_getpid();
    });
    EXPECT_EQ(kk.run(2000), sk::run_end::step_limit);
    // Spawned after the run: never scheduled.
    kk.spawn("never", [&] {
      UnwindMark m{never};
      never.started++;
    });
  }
  for (const Probe* p : {&blocked, &asleep, &preempted}) {
    EXPECT_EQ(p->started, 1);
    EXPECT_EQ(p->finished, 0);
    EXPECT_EQ(p->unwound, 1);  // its stack was unwound: destructors ran
  }
  EXPECT_EQ(never.started, 0);
  EXPECT_EQ(never.unwound, 0);
}

TEST(Teardown, AKernelThatNeverRanGoesAwayWithItsTasks) {
  Probe p;
  {
    auto k = boot("3.9");
    for (int i = 0; i < 3; i++) k->spawn("idle", [&] { p.started++; });
  }
  EXPECT_EQ(p.started, 0);
}
