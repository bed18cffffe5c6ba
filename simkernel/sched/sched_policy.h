// Scheduling policies. At every scheduling point where more than one task
// could run (a "choice point"), the scheduler asks the policy which one runs
// next. Policies see the runnable tasks in pid order and decide only from
// their own state and that list, so a schedule is a pure function of the seed
// (or of the recorded choices for replay / fuzzer-byte-driven policies).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "simkernel/base/prng.h"

namespace sk {

struct task_struct;

class SchedPolicy {
 public:
  virtual ~SchedPolicy() = default;
  // `runnable` has at least two tasks, sorted by pid. `current` is the task
  // at the scheduling point if it may go on running, else nullptr. Returns an
  // index into `runnable`.
  virtual size_t pick(std::span<task_struct* const> runnable, const task_struct* current) = 0;
  virtual std::string name() const = 0;
};

// Seeded random: at each choice point, preempt the current task with
// probability preempt_num/preempt_den and then pick uniformly.
class RandomPolicy : public SchedPolicy {
 public:
  explicit RandomPolicy(uint64_t seed, unsigned preempt_num = 1, unsigned preempt_den = 4)
      : prng_(seed), num_(preempt_num), den_(preempt_den) {}
  size_t pick(std::span<task_struct* const> runnable, const task_struct* current) override;
  std::string name() const override { return "random"; }

 private:
  Prng prng_;
  unsigned num_, den_;
};

// Round-robin by pid, switching after `quantum` scheduling points.
class RoundRobinPolicy : public SchedPolicy {
 public:
  explicit RoundRobinPolicy(unsigned quantum = 8) : quantum_(quantum) {}
  size_t pick(std::span<task_struct* const> runnable, const task_struct* current) override;
  std::string name() const override { return "rr"; }

 private:
  unsigned quantum_;
  unsigned used_ = 0;
};

// Replays recorded choices (indices into the runnable list); once they run
// out, keeps the current task or takes the first runnable one.
class ReplayPolicy : public SchedPolicy {
 public:
  explicit ReplayPolicy(std::vector<uint32_t> choices) : choices_(std::move(choices)) {}
  size_t pick(std::span<task_struct* const> runnable, const task_struct* current) override;
  std::string name() const override { return "replay"; }

 private:
  std::vector<uint32_t> choices_;
  size_t next_ = 0;
};

// Wraps a policy and records every choice it makes (for reproducers).
class RecordingPolicy : public SchedPolicy {
 public:
  explicit RecordingPolicy(std::unique_ptr<SchedPolicy> inner) : inner_(std::move(inner)) {}
  size_t pick(std::span<task_struct* const> runnable, const task_struct* current) override {
    size_t i = inner_->pick(runnable, current);
    choices_.push_back(static_cast<uint32_t>(i));
    return i;
  }
  std::string name() const override { return inner_->name(); }
  const std::vector<uint32_t>& choices() const { return choices_; }

 private:
  std::unique_ptr<SchedPolicy> inner_;
  std::vector<uint32_t> choices_;
};

}  // namespace sk
