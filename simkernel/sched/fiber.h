// The one place where simtrinity switches stacks. A Fiber is a simulated
// task's kernel stack: the scheduler (running on the host thread's own stack)
// resumes it, and the task switches back at every scheduling point. Both
// directions carry the AddressSanitizer fiber annotations, so ASan knows
// which stack is live and does not report false stack-buffer-overflows.
#pragma once
#include <boost/context/fiber.hpp>
#include <cstddef>
#include <functional>

namespace sk {

class Fiber {
 public:
  // `body` runs on the new stack the first time switch_in() is called.
  Fiber(std::function<void()> body, size_t stack_size);
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // From the scheduler: run the fiber until it switches out or finishes.
  void switch_in();
  // From inside the fiber: return to the scheduler.
  void switch_out();
  bool finished() const { return finished_; }

 private:
  void start_on_fiber_stack();
  void finish_switch_on_fiber();

  std::function<void()> body_;
  boost::context::fiber fiber_;   // the fiber's suspended context (when out)
  boost::context::fiber caller_;  // the scheduler's suspended context (when in)
  void* stack_bottom_ = nullptr;
  size_t stack_size_ = 0;
  const void* caller_stack_bottom_ = nullptr;
  size_t caller_stack_size_ = 0;
  void* fake_stack_ = nullptr;  // ASan's fake stack of the side being left
  bool finished_ = false;
};

}  // namespace sk
