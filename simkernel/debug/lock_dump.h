// Held-lock lists as lockdep prints them: one lock line per era
// (REFERENCE-lockdep §1.2), lockdep_print_held_locks() and
// debug_show_all_locks(), including the seed report's
// "N locks on stack by comm/pid:" / "held:"/"blocked:" variant.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "simkernel/debug/watchdog.h"
#include "simkernel/locking/lock.h"

namespace sk::debug {

// The style splats and per-task lists use: the seed's variant exists only
// for the system-wide dump, splats print plain 3.x lines instead.
lock_dump_style splat_style(lock_dump_style s);

// "[<ffffffff811c7034>] lock_rename+0x114/0x120" (3.x) / "lock_rename+0x114/0x120" (modern).
std::string format_site(int sym, uint32_t off, lock_dump_style style);
// "(&type->i_mutex_dir_key#2/1){+.+.+.}", modern "(…){+.+.}-{3:3}".
std::string lock_name_usage(const held_lock& hl, lock_dump_style style);
std::string class_name_usage(const lock_class& c, lock_kind kind, lock_dump_style style);
// print_lock(): the line after "is trying to acquire lock:" and friends,
// 3.x " (class){usage}, at: [<addr>] f+0x/0x", modern "ffff… (class){…}-{3:3}, at: f+0x/0x".
std::string print_lock(const held_lock& hl, lock_dump_style style);
// print_lock() with the instance address also in the 3.x shape:
// " (class){usage}, instance: ffff…, at: [<addr>] f+0x/0x" (modern: as print_lock).
std::string print_lock_instance(const held_lock& hl, lock_dump_style style);
// One " #i: …" line of a held-lock list, newline included.
std::string held_lock_line(size_t i, const held_lock& hl, lock_dump_style style);
// lockdep_print_held_locks(): the count line and the first `depth` entries.
std::string print_held_locks(const task_struct& t, lock_dump_style style, size_t depth = SIZE_MAX);
// debug_show_all_locks(): every task holding (or waiting for) a lock, pid
// order, then an empty line and the 45-'=' ruler.
std::string show_all_locks(const Kernel& k, lock_dump_style style);

}  // namespace sk::debug
