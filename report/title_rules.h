// syzkaller's title rules for lock reports (pkg/report/linux.go), shared by the
// simulated kernel's watchdog (which names what it prints) and by triage (which
// names what it reads), so both agree on "possible deadlock in lock_rename".
// Only the standard library: the simulated kernel must not depend on triage.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace simtrinity::report {

// True for frames that never name a bug: lockdep internals, lock and unlock
// primitives, the scheduler, atomics, string/memory helpers, allocators.
// syzkaller's global skip list; lock_rename, mnt_want_write, inode_lock survive.
bool is_skipped_frame(std::string_view fn);

// Dcache and icache helpers (d_instantiate, d_splice_alias, iget_locked ...):
// where a VFS invariant check fires, not where the caller went wrong.
bool is_dcache_helper(std::string_view fn);

// As is_skipped_frame, and the scheduler (schedule, __switch_to ...): our own
// watchdog's traces pass through it, a real lockdep splat's title frame never.
bool is_sim_skipped_frame(std::string_view fn);

// SyS_renameat -> renameat: drops one known syscall-wrapper prefix, the one
// that leaves the shortest name, so every era's wrapper names one syscall.
std::string strip_syscall_prefix(std::string_view fn);

// As first_sim_frame, also passing over dcache helpers: titles the
// "directory inode with several dentries" report at the lookup that hit it.
std::string dentry_alias_frame(const std::vector<std::string>& frames);

// syzkaller's hung-task extractor: hangs in rtnl_lock (the frame that names it)
// and in synchronize_* (all as synchronize_rcu) each form one bucket; otherwise the first frame that is not a sleeping or
// waiting primitive (substring test, so inode_lock goes and lock_rename stays).
std::string hang_frame(const std::vector<std::string>& frames);

// syzkaller's stall extractor (RCU stalls, soft lockups): the frame just above
// the first dispatch point (syscall entry, softirq, timer, workqueue, a file or
// socket operation); smp_call_function names itself. "" when no anchor is met.
std::string stall_frame(const std::vector<std::string>& frames);

// The first frame our own kinds may be titled after (is_sim_skipped_frame).
std::string first_sim_frame(const std::vector<std::string>& frames);

// syzkaller's title normalization: executor numbers, long hex, line numbers,
// offsets and stray decimals vanish so equal bugs get equal titles.
std::string normalize_title(std::string_view title);

}  // namespace simtrinity::report
