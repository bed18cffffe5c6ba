// kernel/hung_task.c in virtual time (the watchdog starts it as khungtaskd). khungtaskd sleeps for
// hung_task_timeout_secs, then reports every task that is still in D state
// and has not been switched to since the previous scan (check_hung_task:
// nvcsw unchanged), provided it has been blocked for the whole timeout.
#pragma once
#include <vector>

#include "simkernel/debug/report.h"
#include "simkernel/debug/watchdog.h"

namespace sk {

class HungTaskDetector {
 public:
  HungTaskDetector(Kernel& k, const WatchdogOptions& opts) : k_(k), opts_(opts) {}
  // khungtaskd's loop (the kthread body); returns when warnings run out
  // or the detector is switched off.
  void khungtaskd();
  // check_hung_uninterruptible_tasks(): one scan, reports what it finds.
  // Returns true when a report was made.
  bool check();
  uint64_t timeout_ns() const { return uint64_t{opts_.hung_task_timeout_secs} * 1000000000ULL; }

 private:
  Report hung_report(const std::vector<task_struct*>& hung) const;

  Kernel& k_;
  const WatchdogOptions& opts_;
  int warnings_left_ = 10;  // sysctl_hung_task_warnings
  std::vector<pid_t> reported_;
};

}  // namespace sk
