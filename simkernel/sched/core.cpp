// The deterministic scheduler (Kernel's run loop and scheduling points).
// One host thread plays one CPU: the loop switches into a task's fiber, the
// task runs until its next scheduling point where the policy may pick
// another task, or until it blocks, sleeps or exits.
#include <algorithm>

#include "simkernel/kernel.h"
#include "simkernel/sched/fiber.h"

namespace sk {

namespace {
// Virtual cost of one scheduling point.
constexpr uint64_t SCHED_POINT_NS = 50;
}  // namespace

constinit thread_local task_struct* current_task_ptr = nullptr;

void Kernel::enqueue(task_struct* t) {
  auto it = std::lower_bound(runqueue_.begin(), runqueue_.end(), t,
                             [](const task_struct* a, const task_struct* b) { return a->pid < b->pid; });
  if (it == runqueue_.end() || *it != t) runqueue_.insert(it, t);
}

void Kernel::dequeue(task_struct* t) {
  auto it = std::find(runqueue_.begin(), runqueue_.end(), t);
  if (it != runqueue_.end()) runqueue_.erase(it);
}

void Kernel::wake_up_process(task_struct* t) {
  if (t->state == task_state::dead) return;
  t->state = task_state::running;
  t->blocked_on = nullptr;
  auto s = std::find(sleepers_.begin(), sleepers_.end(), t);
  if (s != sleepers_.end()) sleepers_.erase(s);
  enqueue(t);
}

// Wakes every sleeper whose time has come and recomputes the next wake-up.
void Kernel::wake_sleepers() {
  next_wake_ = UINT64_MAX;
  for (size_t i = 0; i < sleepers_.size();) {
    if (sleepers_[i]->wake_at <= now_ns_) {
      wake_up_process(sleepers_[i]);  // erases it from sleepers_
    } else {
      next_wake_ = std::min(next_wake_, sleepers_[i]->wake_at);
      i++;
    }
  }
}

void Kernel::switch_to_scheduler() {
  task_struct* t = current_task();
  t->nvcsw++;
  t->fiber->switch_out();
  set_current_task(t);
  if (dying_) throw TaskKilled{};
}

void Kernel::sched_point() {
  task_struct* t = current_task();
  if (!t || !in_run_ || dying_) return;
  now_ns_ += SCHED_POINT_NS;
  stats_.sched_points++;
  steps_++;
  if (now_ns_ >= next_wake_) wake_sleepers();
  if (stop_requested_ || steps_ >= step_limit_) {
    switch_to_scheduler();
    return;
  }
  if (runqueue_.size() < 2) return;
  task_struct* n = runqueue_[policy_->pick(runqueue_, t)];
  if (n == t) return;
  next_ = n;
  stats_.context_switches++;
  switch_to_scheduler();
}

void Kernel::schedule() {
  task_struct* t = current_task();
  dequeue(t);
  if (dying_) throw TaskKilled{};
  stats_.context_switches++;
  switch_to_scheduler();
}

void Kernel::schedule_timeout(uint64_t ns) {
  task_struct* t = current_task();
  t->state = task_state::interruptible;
  t->wake_at = now_ns_ + ns;
  sleepers_.push_back(t);
  next_wake_ = std::min(next_wake_, t->wake_at);
  schedule();
}

// Whether a task other than init and the kernel threads is still alive: a
// run lasts as long as the embedder's tasks do.
bool Kernel::user_tasks_alive() const {
  for (auto* t : live_tasks_)
    if (!t->kthread && t->pid != 1) return true;
  return false;
}

bool Kernel::idle() {
  if (!user_tasks_alive()) return false;
  for (auto* o : observers_) o->no_runnable_task();
  if (stop_requested_) return true;
  if (sleepers_.empty()) return false;
  uint64_t earliest = UINT64_MAX;
  for (auto* s : sleepers_) earliest = std::min(earliest, s->wake_at);
  now_ns_ = std::max(now_ns_, earliest);
  wake_sleepers();
  return true;
}

run_end Kernel::run(uint64_t max_steps) {
  in_run_ = true;
  step_limit_ = max_steps == UINT64_MAX ? UINT64_MAX : steps_ + max_steps;
  run_end end;
  for (;;) {
    if (stop_requested_) {
      end = run_end::stopped;
      break;
    }
    if (steps_ >= step_limit_) {
      end = run_end::step_limit;
      break;
    }
    task_struct* t = next_;
    next_ = nullptr;
    if (!t || t->state != task_state::running) {
      if (runqueue_.empty()) {
        if (idle()) continue;
        end = user_tasks_alive() ? run_end::stalled : run_end::all_exited;
        break;
      }
      t = runqueue_.size() == 1 ? runqueue_[0] : runqueue_[policy_->pick(runqueue_, nullptr)];
    }
    set_current_task(t);
    t->fiber->switch_in();
    set_current_task(nullptr);
    if (t->fiber->finished()) reap(t);
  }
  in_run_ = false;
  return end;
}

void Kernel::start_task(task_struct* t, TaskFn fn) {
  t->body = std::move(fn);
  t->fiber = std::make_unique<Fiber>([this, t] { task_main(t); }, stack_size_);
  enqueue(t);
}

void Kernel::task_main(task_struct* t) {
  // A task first switched to by teardown() never ran: its body does not start
  // now, when what it would touch (the embedder's state, the kernel itself)
  // may already be on its way out. Its fiber just finishes.
  if (dying_) return;
  try {
    t->body();
    do_exit_current(0);
  } catch (const TaskExit& e) {
    do_exit_current(e.code);
  } catch (const TaskKilled&) {
  }
}

// release_task(): a finished task leaves the task list and is freed.
void Kernel::reap(task_struct* t) {
  auto it = std::find(live_tasks_.begin(), live_tasks_.end(), t);
  if (it != live_tasks_.end()) live_tasks_.erase(it);
  if (next_ == t) next_ = nullptr;
  if (t == init_) init_ = nullptr;
  t->fiber.reset();
  task_struct_cachep.free(t);
}

std::vector<task_struct*> Kernel::tasks() const { return live_tasks_; }

task_struct* Kernel::find_task_by_pid(pid_t pid) const {
  for (auto* t : live_tasks_)
    if (t->pid == pid && t->state != task_state::dead) return t;
  return nullptr;
}

void Kernel::teardown() {
  // Unwind every unfinished task on its own stack, so its fiber finishes
  // through our switch wrapper (clean for ASan and LeakSanitizer), whatever
  // state it is in: a task that ran and is preempted, blocked or asleep gets
  // TaskKilled at its switch point; one that never ran finishes without
  // starting its body (task_main).
  dying_ = true;
  for (auto* t : std::vector<task_struct*>(live_tasks_)) {
    if (t->fiber && !t->fiber->finished()) {
      set_current_task(t);
      t->fiber->switch_in();
      set_current_task(nullptr);
    }
    reap(t);
  }
}

}  // namespace sk
