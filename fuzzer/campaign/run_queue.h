// The runs of a campaign on `jobs` worker threads (each with its own
// kernels), handed back strictly in run order, so that what is merged, and
// so everything printed and saved, does not depend on timing.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "fuzzer/campaign/run.h"

namespace simtrinity {

class RunQueue {
 public:
  // Runs work(0), work(1), ... up to `total` runs (UINT64_MAX: no end) while
  // may_start() says so; may_start only decides whether a run starts, never
  // what it does, and run 0 always starts (a campaign never fuzzes nothing,
  // however short its --time).
  // `last(r)` says that no run after r may start (the campaign stops at r
  // whatever came before it); workers ask it the moment a run ends, so no
  // worker starts a run the campaign will not merge.
  RunQueue(int jobs, uint64_t total, std::function<RunResult(uint64_t)> work, std::function<bool()> may_start,
           std::function<bool(const RunResult&)> last = {});
  ~RunQueue();  // stops starting runs and joins the workers
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  // The next run in order, or nullopt when no more will come. While it
  // waits, `waiting` is called about every 200 ms (the progress line).
  std::optional<RunResult> next(const std::function<void()>& waiting);
  // No run after the one next() returned last starts any more.
  void stop();
  // Syscalls of every run finished so far (in any order).
  uint64_t syscalls_done() const { return syscalls_done_.load(); }

 private:
  void worker();
  void stop_before(uint64_t i);

  const uint64_t total_;
  const std::function<RunResult(uint64_t)> work_;
  const std::function<bool()> may_start_;
  const std::function<bool(const RunResult&)> last_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<uint64_t, RunResult> done_;  // finished, not yet handed out
  std::atomic<uint64_t> next_start_{0};
  std::atomic<uint64_t> stop_before_{UINT64_MAX};
  std::atomic<uint64_t> syscalls_done_{0};
  uint64_t next_out_ = 0;
  int workers_left_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace simtrinity
