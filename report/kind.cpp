#include "report/kind.h"

#include <algorithm>
#include <array>
#include <utility>

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

bool is_hung_header(std::string_view s) {
  const auto at = s.find("INFO: task ");
  return at != std::string_view::npos &&
         (contains(s.substr(at), " blocked for more than ") || contains(s.substr(at), " blocked in I/O wait for more than ") ||
          contains(s.substr(at), " can't die for more than "));
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
    case Kind::hung: return "hung";
    case Kind::hung_panic: return "hung-panic";
    case Kind::blocked_self: return "blocked-self";
    case Kind::same_instance: return "same-instance";
    case Kind::circular_wait: return "circular-wait";
    case Kind::all_blocked: return "all-blocked";
    case Kind::dentry_alias: return "dentry-alias";
    case Kind::bare_header: return "bare-header";
  }
  return "none";
}

Header detect_header(std::string_view line) {
  Header h;
  const auto warn = line.find("WARNING:"), info = line.find("INFO:"), bug = line.find("BUG:");
  const bool panic = contains(line, "Kernel panic - not syncing: hung_task: blocked tasks");
  if (warn == std::string_view::npos && info == std::string_view::npos && bug == std::string_view::npos && !panic)
    return h;
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
  if (is_hung_header(body)) {
    h.kind = Kind::hung;
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
