// The simulated kernel call stack. KFRAME(fn) at the top of a simulated
// function pushes a frame on current's stack for the function's lifetime, so
// lock dumps and hung-task reports print a call trace of simulated symbols
// (sys_renameat -> lock_rename -> mutex_lock_nested -> schedule).
#pragma once
#include "simkernel/debug/kallsyms.h"
#include "simkernel/kernel/task.h"

namespace sk {

class kframe_guard {
 public:
  // `keep_caller_ip`: the caller already recorded where it is (a lock
  // primitive's acquire site), so its return address stays that site.
  kframe_guard(int sym, const char* file, int line, bool keep_caller_ip = false) : t_(current_task()) {
    if (!t_) return;
    auto& ks = t_->kstack;
    if (!ks.empty() && !keep_caller_ip) ks.back().callee = sym;
    // Field by field into the new slot: a kframe built aside and copied in
    // is read back as 16-byte words right after its narrower stores, a
    // store-forwarding stall on every frame (a tenth of a syscall's time).
    kframe& f = ks.emplace_back();
    f.sym = sym;
    f.base_line = line;
    f.file = file;
  }
  ~kframe_guard() {
    if (t_) t_->kstack.pop_back();
  }
  kframe_guard(const kframe_guard&) = delete;
  kframe_guard& operator=(const kframe_guard&) = delete;

 private:
  task_struct* t_;
};

#define SK_CONCAT2(a, b) a##b
#define SK_CONCAT(a, b) SK_CONCAT2(a, b)
#define KFRAME(fn)                                                  \
  static constexpr int SK_CONCAT(kframe_sym_, __LINE__) = ::sk::ksym_index(#fn); \
  ::sk::kframe_guard SK_CONCAT(kframe_, __LINE__)(SK_CONCAT(kframe_sym_, __LINE__), __FILE__, __LINE__)

#define KFRAME_AT_SITE(fn)                                          \
  static constexpr int SK_CONCAT(kframe_sym_, __LINE__) = ::sk::ksym_index(#fn); \
  ::sk::kframe_guard SK_CONCAT(kframe_, __LINE__)(SK_CONCAT(kframe_sym_, __LINE__), __FILE__, __LINE__, true)

// Where frame `f` is: its recorded site, or the call site of its callee.
// (Its source line: the recorded site's, else the function's KFRAME line.)
inline uint32_t kframe_ip_off(const kframe& f) {
  return f.callee >= 0 ? ksym_call_offset(f.sym, f.callee) : f.ip_off;
}

// The caller's position, passed by lock primitives as their acquire site:
// the innermost frame and an offset derived from the source line.
struct call_site {
  int sym = -1;
  uint32_t off = 0;
};
// Records `line` as the innermost frame's current position and returns it.
call_site site_of_caller(int line);

}  // namespace sk
