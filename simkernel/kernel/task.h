// struct task_struct and what hangs off it: namespaces, fs_struct, files.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "simkernel/base/kaddr.h"
#include "simkernel/locking/lockdep.h"
#include "simkernel/uapi.h"

namespace sk {

class Kernel;
class Fiber;
struct net;
struct file;
struct files_struct;
struct fs_struct;

// Linux's task states that matter here.
enum class task_state : uint8_t {
  running,          // TASK_RUNNING: on the runqueue
  uninterruptible,  // TASK_UNINTERRUPTIBLE: "D", blocked on a lock
  interruptible,    // TASK_INTERRUPTIBLE: sleeping until a timer (kthreads)
  dead,             // exited
};

struct nsproxy {
  int count = 1;
  net* net_ns = nullptr;
};

// One frame of the simulated kernel call stack (see debug/kframe.h).
struct kframe {
  int sym;
  int base_line;
  uint32_t ip_off;  // where in the function we are now (return address)
  int callee = -1;  // when >= 0, ip_off is the call site of this callee,
                    // computed only when a trace is printed (kframe_ip_off)
  const char* file = nullptr;  // the simulated function's source (__FILE__ of its KFRAME)
  int site_line = 0;           // the line ip_off was recorded at (site_of_caller), 0 if none
};

using TaskFn = std::function<void()>;

struct task_struct {
  Kernel* kernel = nullptr;
  kaddr_t addr = 0;
  pid_t pid = 0;
  pid_t tgid = 0;
  task_struct* parent = nullptr;
  std::string comm;   // at most TASK_COMM_LEN-1 = 15 characters
  std::string exe;    // /proc/PID/exe target
  bool kthread = false;
  task_state state = task_state::running;
  int exit_code = 0;

  nsproxy* nsp = nullptr;
  fs_struct* fs = nullptr;
  files_struct* files = nullptr;

  // lockdep: held_locks[0..lockdep_depth) of Linux.
  std::vector<held_lock> held_locks;
  lock_base* blocked_on = nullptr;
  bool blocked_read = false;     // waiting for the read side
  uint64_t blocked_since = 0;   // virtual ns
  uint64_t wake_at = 0;         // virtual ns, for interruptible sleeps
  uint64_t nvcsw = 0;           // voluntary context switches (hung-task check)
  uint64_t last_switch_count = 0;

  std::vector<kframe> kstack;   // simulated kernel call stack, outermost first
  int syscall_sym = -1;         // the sys_* frame of the syscall in progress

  std::unique_ptr<Fiber> fiber;
  TaskFn body;
  void* user = nullptr;         // the embedding program's own per-task data

  task_struct();
  ~task_struct();
};

struct TaskKilled {};  // thrown into a task's fiber to unwind it at teardown
struct TaskExit {      // thrown by sys_exit() to leave the task body
  int code;
};

// The task running on this thread's simulated CPU (Linux's `current`): one
// thread-local pointer, read inline by every KFRAME and lock primitive
// (constinit: no TLS wrapper call to check for a dynamic initializer).
extern constinit thread_local task_struct* current_task_ptr;
inline task_struct* current_task() { return current_task_ptr; }
inline void set_current_task(task_struct* t) { current_task_ptr = t; }

}  // namespace sk
