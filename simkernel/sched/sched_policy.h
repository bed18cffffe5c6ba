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
#include <utility>
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

// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
// Nagarakatte, "A Randomized Scheduler with Probabilistic Guarantees of
// Finding Bugs", ASPLOS 2010): every task gets a distinct random priority
// above depth-1 the first time the policy sees it, and the highest-priority
// runnable task always runs; depth-1 change points are drawn uniformly from
// the steps 1..steps (a step is one choice point), and at the i-th of them the
// task that was running drops to priority i, below every initial one.
// A bug of depth d (d ordering constraints) is then found with probability at
// least 1/(n * k^(d-1)) per run, n tasks and k steps. Tasks appear while
// the run goes on (fork), so "distinct" is kept by redrawing a priority
// already taken.
class PctPolicy : public SchedPolicy {
 public:
  // Defaults of `run --pct-depth/--pct-steps` and of a .prog's
  // "schedule pct SEED [DEPTH [STEPS]]". A default 50,000-call run of 4
  // children makes about 370,000 choice points (7.4 a call: 3,589 choices
  // for 485 calls in the README's 3.8 finding), hence the steps.
  static constexpr uint64_t kDefaultDepth = 3;
  static constexpr uint64_t kDefaultSteps = 400'000;
  PctPolicy(uint64_t seed, unsigned depth, uint64_t steps);
  size_t pick(std::span<task_struct* const> runnable, const task_struct* current) override;
  std::string name() const override { return "pct"; }
  // The steps at which priorities change, ascending (for tests).
  const std::vector<uint64_t>& change_points() const { return change_points_; }

 private:
  uint64_t priority_of(int pid);

  Prng prng_;
  unsigned depth_;
  std::vector<uint64_t> change_points_;
  size_t next_change_ = 0;
  uint64_t step_ = 0;
  int last_pid_ = -1;
  std::vector<std::pair<int, uint64_t>> priorities_;  // (pid, priority), pid order of first sight
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
