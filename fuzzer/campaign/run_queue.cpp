#include "fuzzer/campaign/run_queue.h"

#include <chrono>

namespace simtrinity {

RunQueue::RunQueue(int jobs, uint64_t total, std::function<RunResult(uint64_t)> work, std::function<bool()> may_start,
                   std::function<bool(const RunResult&)> last)
    : total_(total), work_(std::move(work)), may_start_(std::move(may_start)), last_(std::move(last)) {
  workers_left_ = std::max(1, jobs);
  for (int j = 0; j < workers_left_; j++) workers_.emplace_back([this] { worker(); });
}

RunQueue::~RunQueue() {
  stop_before_ = 0;
  for (auto& w : workers_) w.join();
}

void RunQueue::worker() {
  for (;;) {
    uint64_t i = next_start_.fetch_add(1);
    if (i >= total_ || i >= stop_before_.load() || (i > 0 && !may_start_())) break;
    RunResult r = work_(i);
    syscalls_done_ += r.outcome.syscalls;
    if (last_ && last_(r)) stop_before(i + 1);
    std::lock_guard lk(mu_);
    done_.emplace(i, std::move(r));
    cv_.notify_all();
  }
  std::lock_guard lk(mu_);
  workers_left_--;
  cv_.notify_all();
}

std::optional<RunResult> RunQueue::next(const std::function<void()>& waiting) {
  for (;;) {
    std::unique_lock lk(mu_);
    if (next_out_ >= total_ || next_out_ >= stop_before_.load()) return std::nullopt;
    bool ready = cv_.wait_for(lk, std::chrono::milliseconds(200),
                              [&] { return done_.count(next_out_) || workers_left_ == 0; });
    if (ready && done_.count(next_out_)) {
      auto node = done_.extract(next_out_);
      next_out_++;
      return std::move(node.mapped());
    }
    if (ready) return std::nullopt;  // every worker has stopped: no run left to wait for
    lk.unlock();
    if (waiting) waiting();
  }
}

void RunQueue::stop_before(uint64_t sb) {
  uint64_t cur = stop_before_.load();
  while (sb < cur && !stop_before_.compare_exchange_weak(cur, sb)) {
  }
}

void RunQueue::stop() {
  std::lock_guard lk(mu_);
  stop_before(next_out_);
}

}  // namespace simtrinity
