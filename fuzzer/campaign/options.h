// What a campaign is given: the `run` flags as the user wrote them, and what
// the CLI derived from them (the syscall pool, the known-bugs file, --log).
#pragma once
#include <atomic>
#include <vector>

#include "fuzzer/campaign/run_flags.h"
#include "fuzzer/harness/call_observer.h"
#include "fuzzer/harness/harness.h"
#include "report/known_bugs.h"

namespace simtrinity {

struct CampaignOptions {
  RunFlags flags;
  std::vector<const SyscallEntry*> pool = default_pool();  // select_pool(flags)
  report::KnownBugs known;                                 // --known: these do not fail the campaign
  std::vector<CallObserver*> observers;                    // --log (thread-safe: jobs run side by side)
  double progress_secs = 3.0;                              // the progress line, off a terminal
  const std::atomic<int>* interrupt = nullptr;             // SIGINT/SIGTERM caught (util/interrupt.h)
};

}  // namespace simtrinity
