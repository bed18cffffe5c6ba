// The kinds of lock report triage understands, and how each announces itself.
#pragma once
#include <string_view>

namespace simtrinity::report {

enum class Kind {
  none,
  recursive,       // possible recursive locking detected
  circular,        // possible circular locking dependency detected
  irq_inversion,   // possible irq lock inversion dependency detected
  safe_unsafe,     // <S>-safe -> <S>-unsafe lock order detected
  inconsistent,    // inconsistent lock state
  held_freed,      // held lock freed!
  bad_unlock,      // bad unlock balance detected!
  exit_locks,      // <comm>/<pid> still has locks held!
  user_return,     // lock held when returning to user space!
  nested_not_taken, // WARNING: Nested lock was not taken
  locking_bug,     // WARNING: CPU: N PID: N at kernel/locking/lockdep.c:N lock_*; arm's "BUG: Invalid wait context"
  hung,            // INFO: task <comm>:<pid> blocked for more than N seconds.
  cant_die,        // INFO: task <comm>:<pid> can't die for more than N seconds.
  hung_panic,      // the hung_task panic line without its INFO: header (corrupted)
  rcu_stall,       // INFO: rcu_sched self-detected stall on CPU / rcu_preempt detected stalls on CPUs/tasks
  soft_lockup,     // BUG: soft lockup - CPU#N stuck for Ns!
  blocked_self,    // simtrinity: task blocked on a lock it holds (also the seed's bare lock dump)
  same_instance,   // simtrinity: one lock instance acquired under two subclasses
  circular_wait,   // simtrinity: circular wait among tasks
  all_blocked,     // simtrinity: all tasks blocked
  dentry_alias,    // simtrinity: directory inode with several dentries
  bare_header,     // a "WARNING:"/"INFO:"/"BUG:" with nothing after it (corrupted)
};

std::string_view kind_name(Kind k);

// Whether a report of this kind means the machine cannot go on -- a
// deadlock (a task blocked on a lock it holds, a circular wait, every task
// blocked) or a hung task -- rather than a warning it survives (lockdep's
// predictions, a broken VFS invariant). A campaign stops at the first new
// fatal finding; warnings are recorded and it goes on.
bool is_fatal(Kind k);

struct Header {
  Kind kind = Kind::none;
  bool old_form = false;   // "[ INFO: ... ]" / "[ BUG: ... ]" of kernels before ~4.13
  bool bug_prefix = false; // "BUG:" rather than "WARNING:" (titles keep the word)
  bool foreign = false;    // some other oops header: ends the current report
  bool weak = false;       // foreign, but one that never ends a report (syzkaller's reportStartIgnores: "Kernel panic")
  bool interrupts = false; // a message with a stack of its own ("FAULT_INJECTION: forcing a failure"): not a report
};

// Recognises a report's first line (unanchored, as syzkaller matches).
Header detect_header(std::string_view line);

}  // namespace simtrinity::report
