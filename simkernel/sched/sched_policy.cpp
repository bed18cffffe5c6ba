#include "simkernel/sched/sched_policy.h"

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

size_t ReplayPolicy::pick(std::span<task_struct* const> runnable, const task_struct* current) {
  if (next_ < choices_.size()) {
    size_t i = choices_[next_++];
    return i < runnable.size() ? i : runnable.size() - 1;
  }
  size_t i = index_of(runnable, current);
  return i < runnable.size() ? i : 0;
}

}  // namespace sk
