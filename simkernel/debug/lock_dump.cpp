#include "simkernel/debug/lock_dump.h"

#include <algorithm>
#include <fmt/format.h>

#include "simkernel/debug/kallsyms.h"
#include "simkernel/locking/lock.h"

namespace sk::debug {

namespace {
const char* wait_type(lock_kind kind) {
  // Simulator defaults (REFERENCE §1.5): sleeping locks 3, sb_writers unchecked.
  return kind == lock_kind::percpu_rw_semaphore ? "-{0:0}" : "-{3:3}";
}
}  // namespace

lock_dump_style splat_style(lock_dump_style s) { return s == lock_dump_style::seed ? lock_dump_style::v3x : s; }

std::string format_site(int sym, uint32_t off, lock_dump_style style) {
  if (sym < 0 || sym >= kallsyms_count)
    return style == lock_dump_style::modern ? "0x0" : "[<0000000000000000>] 0x0";
  return style == lock_dump_style::modern ? format_ip(sym, off) : format_ip_bracketed(sym, off);
}

std::string class_name_usage(const lock_class& c, lock_kind kind, lock_dump_style style) {
  if (style == lock_dump_style::modern) return fmt::format("({}){}{}", c.name, c.usage_str(2), wait_type(kind));
  return fmt::format("({}){}", c.name, c.usage_str(3));
}

std::string lock_name_usage(const held_lock& hl, lock_dump_style style) {
  return class_name_usage(*hl.cls, hl.lock ? hl.lock->kind : lock_kind::mutex, style);
}

std::string print_lock(const held_lock& hl, lock_dump_style style) {
  if (style == lock_dump_style::modern)
    return fmt::format("{:016x} {}, at: {}", hl.instance, lock_name_usage(hl, style),
                       format_site(hl.ip_sym, hl.ip_off, style));
  return fmt::format(" {}, at: {}", lock_name_usage(hl, style), format_site(hl.ip_sym, hl.ip_off, style));
}

std::string print_lock_instance(const held_lock& hl, lock_dump_style style) {
  if (style == lock_dump_style::modern) return print_lock(hl, style);
  return fmt::format(" {}, instance: {:016x}, at: {}", lock_name_usage(hl, style), hl.instance,
                     format_site(hl.ip_sym, hl.ip_off, style));
}

std::string held_lock_line(size_t i, const held_lock& hl, lock_dump_style style) {
  switch (style) {
    case lock_dump_style::seed:
      return fmt::format(" #{}: {}:{}\n", i, hl.blocked ? "blocked" : "held", print_lock_instance(hl, style));
    case lock_dump_style::v3x:
    case lock_dump_style::modern:
      break;
  }
  return fmt::format(" #{}: {}\n", i, print_lock(hl, style));
}

std::string print_held_locks(const task_struct& t, lock_dump_style style, size_t depth) {
  depth = std::min(depth, t.held_locks.size());
  if (!depth) return fmt::format("no locks held by {}/{}.\n", t.comm, t.pid);
  std::string s = fmt::format("{} lock{} {} by {}/{}:\n", depth, depth > 1 ? "s" : "",
                              style == lock_dump_style::seed ? "on stack" : "held", t.comm, t.pid);
  for (size_t i = 0; i < depth; i++) s += held_lock_line(i, t.held_locks[i], style);
  return s;
}

std::string show_all_locks(const Kernel& k, lock_dump_style style) {
  std::string s = "Showing all locks held in the system:\n";
  for (const task_struct* t : k.tasks())
    if (!t->held_locks.empty()) s += print_held_locks(*t, style);
  s += '\n';
  s += std::string(45, '=');
  s += "\n\n";
  return s;
}

}  // namespace sk::debug
