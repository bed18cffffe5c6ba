#include "report/kind.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "report/multi_match.h"
#include "report/text.h"

namespace simtrinity::report {
namespace {

// Key phrases, lenient on the simtrinity kinds whose wording may still move.
constexpr std::array<std::pair<std::string_view, Kind>, 16> kPhrases = {{
    {"possible recursive locking detected", Kind::recursive},
    {"possible circular locking dependency detected", Kind::circular},
    {"possible irq lock inversion dependency detected", Kind::irq_inversion},
    {"-unsafe lock order detected", Kind::safe_unsafe},
    {"inconsistent lock state", Kind::inconsistent},
    {"held lock freed!", Kind::held_freed},
    {"bad unlock balance detected!", Kind::bad_unlock},
    {"still has locks held!", Kind::exit_locks},
    {"lock held when returning to user space", Kind::user_return},
    {"task blocked on a lock it holds", Kind::blocked_self},
    {"one lock instance acquired under two subclasses", Kind::same_instance},
    {"circular wait among tasks", Kind::circular_wait},
    {"all tasks blocked", Kind::all_blocked},
    {"directory inode with several dentries", Kind::dentry_alias},
    {"several dentries over the same directory inode", Kind::dentry_alias},
    {"SEVERAL DENTRIES OVER THE SAME DIRECTORY INODE", Kind::dentry_alias},
}};

// Messages that look like headers but are not reports (syzkaller's ignore list).
constexpr std::array<std::string_view, 5> kIgnored = {"INFO: lockdep is turned off", "INFO: NMI handler",
                                                      "INFO: Stall ended before state dump start",
                                                      "took too long", "WARNING: /etc/ssh/moduli"};

// syzkaller's "INFO: task {{TASK}} blocked (in I/O wait )?for more than" and "... can't die for more than".
Kind hung_header(std::string_view s) {
  const auto at = s.find("INFO: task ");
  if (at == std::string_view::npos) return Kind::none;
  const auto rest = s.substr(at);
  if (contains(rest, " blocked for more than ") || contains(rest, " blocked in I/O wait for more than "))
    return Kind::hung;
  return contains(rest, " can't die for more than ") ? Kind::cant_die : Kind::none;
}

// "INFO: rcu_(preempt|sched|bh|tasks) (self-)?detected( expedited)? stall" (linux.go).
bool is_rcu_stall(std::string_view s) {
  const auto at = s.find("INFO: rcu_");
  if (at == std::string_view::npos) return false;
  auto rest = s.substr(at + 10);
  bool flavour = false;
  for (std::string_view f : {"preempt ", "sched ", "bh ", "tasks "})
    if (rest.starts_with(f)) {
      rest.remove_prefix(f.size());
      flavour = true;
    }
  if (!flavour) return false;
  if (rest.starts_with("self-")) rest.remove_prefix(5);
  if (!rest.starts_with("detected ")) return false;
  rest.remove_prefix(9);
  if (rest.starts_with("expedited ")) rest.remove_prefix(10);
  return rest.starts_with("stall");
}

// "WARNING: .*kernel/locking/lockdep\.c.*lock_": a WARN (DEBUG_LOCKS_WARN_ON ...) inside lockdep.
bool is_lockdep_warn(std::string_view body) {
  if (!body.starts_with("WARNING: ")) return false;
  const auto at = body.find("kernel/locking/lockdep.c");
  return at != std::string_view::npos && contains(body.substr(at), "lock_");
}

// syzkaller's other oops headers (linuxOopses in pkg/report/linux.go): not lock
// reports, but a report of theirs ends ours, and one before ours is the log's title.
constexpr std::string_view kOtherOopses[] = {
    "Unable to handle kernel", "general protection fault", "stack segment: ", "Kernel panic",
    "PANIC: double fault",     "rust_kernel: panicked",    "kernel BUG",      "Kernel BUG",
    "BUG kmalloc-",            "divide error:",            "divide_error:",   "invalid opcode:",
    "int3:",                   "UBSAN:",                   "Booting the kernel.", "unregister_netdevice: waiting for",
    "VFS: Close: file count is 0", "VFS: Busy inodes after unmount", "Internal error:", "Unhandled fault:",
    "Alignment trap:",         "trusty: panic"};
// Of those, the ones that appear inside another report (reportStartIgnores).
constexpr std::string_view kInsideOtherReports[] = {"invalid opcode: 0000", "Kernel panic - not syncing",
                                                    "unregister_netdevice: waiting for", "PANIC: double fault",
                                                    "Internal error:"};
// Messages that print a stack but are no bug (infoMessagesWithStack): in a console
// without caller ids, what follows is theirs, not the report's.
constexpr std::string_view kInfoWithStack[] = {"vmalloc: allocation failure:", "FAULT_INJECTION: forcing a failure",
                                               "FAULT_FLAG_ALLOW_RETRY missing"};

Header other_header(std::string_view line) {
  Header h;
  for (auto o : kOtherOopses)
    if (contains(line, o)) {
      h.foreign = true;
      for (auto w : kInsideOtherReports) h.weak |= contains(line, w);
      return h;
    }
  for (auto m : kInfoWithStack) h.interrupts |= contains(line, m);
  return h;
}

}  // namespace

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::none: return "none";
    case Kind::recursive: return "recursive";
    case Kind::circular: return "circular";
    case Kind::irq_inversion: return "irq-inversion";
    case Kind::safe_unsafe: return "safe-unsafe";
    case Kind::inconsistent: return "inconsistent";
    case Kind::held_freed: return "held-freed";
    case Kind::bad_unlock: return "bad-unlock";
    case Kind::exit_locks: return "exit-locks";
    case Kind::user_return: return "user-return";
    case Kind::nested_not_taken: return "nested-not-taken";
    case Kind::locking_bug: return "locking-bug";
    case Kind::hung: return "hung";
    case Kind::cant_die: return "cant-die";
    case Kind::hung_panic: return "hung-panic";
    case Kind::rcu_stall: return "rcu-stall";
    case Kind::soft_lockup: return "soft-lockup";
    case Kind::blocked_self: return "blocked-self";
    case Kind::same_instance: return "same-instance";
    case Kind::circular_wait: return "circular-wait";
    case Kind::all_blocked: return "all-blocked";
    case Kind::dentry_alias: return "dentry-alias";
    case Kind::bare_header: return "bare-header";
  }
  return "none";
}

bool is_fatal(Kind k) {
  switch (k) {
    case Kind::hung:
    case Kind::hung_panic:
    case Kind::blocked_self:
    case Kind::circular_wait:
    case Kind::all_blocked:
      return true;
    default:
      return false;
  }
}

Header detect_header(std::string_view line) {
  Header h;
  // Most lines name no header at all: one pass over them says so.
  static const MultiMatch keywords = [] {
    std::vector<std::string_view> k = {"WARNING:", "INFO:", "BUG:", "Kernel panic - not syncing: hung_task: blocked tasks"};
    k.insert(k.end(), std::begin(kOtherOopses), std::end(kOtherOopses));
    k.insert(k.end(), std::begin(kInfoWithStack), std::end(kInfoWithStack));
    return MultiMatch(k);
  }();
  if (!keywords.any(line)) return h;
  const auto warn = line.find("WARNING:"), info = line.find("INFO:"), bug = line.find("BUG:");
  const bool panic = contains(line, "Kernel panic - not syncing: hung_task: blocked tasks");
  if (warn == std::string_view::npos && info == std::string_view::npos && bug == std::string_view::npos && !panic)
    return other_header(line);
  for (auto ignored : kIgnored)
    if (contains(line, ignored)) return h;
  if (panic) {
    h.kind = Kind::hung_panic;
    return h;
  }
  const auto start = std::min({warn, info, bug});
  const auto body = line.substr(start);
  h.old_form = start > 0 && line[start - 1] == ' ' && start >= 2 && line[start - 2] == '[';
  h.bug_prefix = start == bug;
  if (const auto k = hung_header(body); k != Kind::none) {
    h.kind = k;
    return h;
  }
  if (is_rcu_stall(body)) {
    h.kind = Kind::rcu_stall;
    return h;
  }
  if (is_lockdep_warn(body) || body.starts_with("BUG: Invalid wait context")) {
    h.kind = Kind::locking_bug;
    return h;
  }
  if (body.starts_with("WARNING: Nested lock was not taken")) {
    h.kind = Kind::nested_not_taken;
    return h;
  }
  if (body.starts_with("BUG: soft lockup")) {
    h.kind = Kind::soft_lockup;
    return h;
  }
  for (const auto& [phrase, kind] : kPhrases)
    if (contains(body, phrase)) {
      h.kind = kind;
      return h;
    }
  const auto rest = trim(body.substr(body.find(':') + 1));
  if (rest.empty() || rest == "]") h.kind = Kind::bare_header;
  else h.foreign = !body.starts_with("INFO: task ");  // hung-task follow-ups stay in their report
  return h;
}

}  // namespace simtrinity::report
