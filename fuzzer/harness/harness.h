// The one run harness. A campaign run, a .prog replay and a libFuzzer input
// are three sources of the same things: the children (each generated from a
// choice source, or replaying a program's calls), the scheduling policy and
// the detectors. Each source turns what it has into a RunPlan; run_harness()
// boots a fresh kernel, runs trinity-main and the children, collects every
// report with the children's last calls at that moment, and tears the kernel
// down (whatever state the tasks are in) before it returns.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fuzzer/child/child.h"
#include "fuzzer/generate/rand.h"
#include "fuzzer/harness/call_observer.h"
#include "fuzzer/harness/report_id.h"
#include "fuzzer/prog/program.h"
#include "simkernel/debug/report.h"

namespace simtrinity {

struct ChildPlan {
  int index = 0;                          // N of trinity-child<N>
  bool new_netns = false;                 // unshare(CLONE_NEWNET) before the first call
  std::shared_ptr<Rand> rand;             // a generated child: its choices
  const prog::ProgChild* calls = nullptr; // a replayed child: these calls (outlive the run)
};

struct RunPlan {
  std::string kernel{sk::kDefaultProfile};
  std::string victim{sk::kDefaultVictim};
  sk::WatchdogOptions detect;
  std::unique_ptr<sk::SchedPolicy> policy;
  std::vector<ChildPlan> children;
  std::vector<const SyscallEntry*> pool;  // what generated children pick from
  uint64_t budget = UINT64_MAX;           // listed calls of generated children, all together
  unsigned name_reuse = NamePool::kDefaultReuse;  // percent (run --name-reuse)
  uint64_t run_index = 0;                 // for observers (campaigns)
  bool record = false;                    // RunOutcome::recording: every call and scheduling choice
  DrawLog* draws = nullptr;               // when set: the generated children's choices, in the order made
  std::vector<CallObserver*> observers;
  // When set and non-zero (a campaign's SIGINT, util/interrupt.h), generated
  // children make no more calls: the run ends at its next syscall boundary.
  const std::atomic<int>* interrupt = nullptr;
};

struct RunFinding {
  sk::Report report;
  ReportId id;
  std::string rings;        // every child's last calls when it was reported
  uint64_t at_syscall = 0;  // listed calls made in the run by then
};

struct RunOutcome {
  std::string kernel;
  std::vector<RunFinding> findings;  // every report, in the order the kernel made them
  std::string rings;                 // every child's last calls at the end of the run
  uint64_t syscalls = 0;             // listed calls made (what budgets count)
  uint64_t calls = 0;                // every call made, the children's bookkeeping included
  SysStats stats{};                  // per syscall, listed calls
  uint64_t virt_ns = 0;
  std::optional<prog::Program> recording;  // when RunPlan::record: the run as a program

  // The report to show or match: the first fatal one, else the first one.
  const RunFinding* primary() const;
  bool has_title(const std::string& title) const;
  bool has_kind(const std::string& kind) const;
  bool has_fatal() const;
};

RunOutcome run_harness(RunPlan plan);

// The syscalls a child picks from when nothing is selected: every entry of
// the table but the AVOID_SYSCALL ones.
std::vector<const SyscallEntry*> default_pool();

}  // namespace simtrinity
