#include "simkernel/sched/fiber.h"

#include <boost/context/fixedsize_stack.hpp>
#include <cassert>

#if defined(SIMTRINITY_ASAN) || defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define SK_ASAN_FIBERS 1
#endif

namespace sk {

namespace {
// Records where the stack it hands out lies, for the ASan annotations.
struct RecordingStack {
  boost::context::fixedsize_stack inner;
  void** bottom;
  size_t* size;
  boost::context::stack_context allocate() {
    auto sc = inner.allocate();
    *bottom = static_cast<char*>(sc.sp) - sc.size;
    *size = sc.size;
    return sc;
  }
  void deallocate(boost::context::stack_context& sc) noexcept { inner.deallocate(sc); }
};

inline void start_switch(void** fake_save, const void* bottom, size_t size) {
#ifdef SK_ASAN_FIBERS
  __sanitizer_start_switch_fiber(fake_save, bottom, size);
#else
  (void)fake_save, (void)bottom, (void)size;
#endif
}
inline void finish_switch(void* fake_save, const void** old_bottom, size_t* old_size) {
#ifdef SK_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(fake_save, old_bottom, old_size);
#else
  (void)fake_save, (void)old_bottom, (void)old_size;
#endif
}
}  // namespace

Fiber::Fiber(std::function<void()> body, size_t stack_size) : body_(std::move(body)) {
  RecordingStack alloc{boost::context::fixedsize_stack(stack_size), &stack_bottom_, &stack_size_};
  fiber_ = boost::context::fiber(std::allocator_arg, alloc, [this](boost::context::fiber&& caller) {
    caller_ = std::move(caller);
    finish_switch_on_fiber();
    start_on_fiber_stack();
    finished_ = true;
    // Leaving for good: a null fake-stack save tells ASan to drop this stack.
    start_switch(nullptr, caller_stack_bottom_, caller_stack_size_);
    return std::move(caller_);
  });
}

Fiber::~Fiber() {
  // A fiber must be run to completion (the kernel unwinds every task before
  // it goes away); destroying a suspended one would unwind it behind ASan's back.
  assert(finished_ || !fiber_);
}

void Fiber::start_on_fiber_stack() { body_(); }

void Fiber::finish_switch_on_fiber() { finish_switch(fake_stack_, &caller_stack_bottom_, &caller_stack_size_); }

void Fiber::switch_in() {
  assert(!finished_);
  void* fake = nullptr;
  start_switch(&fake, stack_bottom_, stack_size_);
  fiber_ = std::move(fiber_).resume();
  finish_switch(fake, nullptr, nullptr);
}

void Fiber::switch_out() {
  start_switch(&fake_stack_, caller_stack_bottom_, caller_stack_size_);
  caller_ = std::move(caller_).resume();
  finish_switch_on_fiber();
}

}  // namespace sk
