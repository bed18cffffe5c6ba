#include "simkernel/sched/sched_policy.h"

#include <algorithm>

#include "simkernel/kernel/task.h"

namespace sk {

namespace {
size_t index_of(std::span<task_struct* const> runnable, const task_struct* t) {
  for (size_t i = 0; i < runnable.size(); i++)
    if (runnable[i] == t) return i;
  return runnable.size();
}
}  // namespace

size_t RandomPolicy::pick(std::span<task_struct* const> runnable, const task_struct* current) {
  if (current && !prng_.chance(num_, den_)) {
    size_t i = index_of(runnable, current);
    if (i < runnable.size()) return i;
  }
  return prng_.below(runnable.size());
}

size_t RoundRobinPolicy::pick(std::span<task_struct* const> runnable, const task_struct* current) {
  size_t i = index_of(runnable, current);
  if (current && i < runnable.size() && ++used_ < quantum_) return i;
  used_ = 0;
  if (!current) {
    // The current task left the runqueue: the next one by pid after it
    // cannot be known here, so start from the lowest pid above the last.
    return 0;
  }
  return (i + 1) % runnable.size();
}

PctPolicy::PctPolicy(uint64_t seed, unsigned depth, uint64_t steps) : prng_(seed), depth_(depth ? depth : 1) {
  for (unsigned i = 1; i < depth_; i++) change_points_.push_back(1 + prng_.below(steps ? steps : 1));
  std::sort(change_points_.begin(), change_points_.end());
}

uint64_t PctPolicy::priority_of(int pid) {
  for (const auto& [p, prio] : priorities_)
    if (p == pid) return prio;
  // Initial priorities lie above the depth-1 change-point priorities.
  for (;;) {
    uint64_t prio = depth_ + prng_.below(UINT64_MAX - depth_);
    bool taken = false;
    for (const auto& pp : priorities_) taken |= pp.second == prio;
    if (!taken) {
      priorities_.emplace_back(pid, prio);
      return prio;
    }
  }
}

size_t PctPolicy::pick(std::span<task_struct* const> runnable, const task_struct* current) {
  step_++;
  // At a change point the task that ran up to here drops below the others.
  // (The task that ran: `current`, or, when it just blocked or exited, the
  // one picked last.)
  const int ran = current ? current->pid : last_pid_;
  while (next_change_ < change_points_.size() && change_points_[next_change_] <= step_) {
    next_change_++;
    if (ran < 0) continue;
    priority_of(ran);
    for (auto& pp : priorities_)
      if (pp.first == ran) pp.second = next_change_;  // 1 .. depth-1
  }
  size_t best = 0;
  uint64_t best_prio = 0;
  for (size_t i = 0; i < runnable.size(); i++) {
    uint64_t prio = priority_of(runnable[i]->pid);
    if (i == 0 || prio > best_prio) {
      best = i;
      best_prio = prio;
    }
  }
  last_pid_ = runnable[best]->pid;
  return best;
}

size_t ReplayPolicy::pick(std::span<task_struct* const> runnable, const task_struct* current) {
  if (next_ < choices_.size()) {
    size_t i = choices_[next_++];
    return i < runnable.size() ? i : runnable.size() - 1;
  }
  size_t i = index_of(runnable, current);
  return i < runnable.size() ? i : 0;
}

}  // namespace sk
