#include "report/title_rules.h"

#include <array>
#include <cctype>

namespace simtrinity::report {
namespace {

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

template <std::size_t N>
bool contains_any(std::string_view s, const std::array<std::string_view, N>& parts) {
  for (auto p : parts)
    if (contains(s, p)) return true;
  return false;
}
template <std::size_t N>
bool starts_with_any(std::string_view s, const std::array<std::string_view, N>& prefixes) {
  for (auto p : prefixes)
    if (starts_with(s, p)) return true;
  return false;
}
template <std::size_t N>
bool equals_any(std::string_view s, const std::array<std::string_view, N>& names) {
  for (auto n : names)
    if (s == n) return true;
  return false;
}

// Unanchored, as syzkaller matches them: "spin_lock" also catches _raw_spin_lock_irqsave.
constexpr std::array<std::string_view, 58> kSkipAnywhere = {
    "lockdep", "lock_acquire", "lock_release", "lock_class", "mark_lock", "mark_held_locks",
    "reacquire_held_locks", "print_usage_bug", "dump_stack", "__sanitizer", "__asan", "kasan",
    "panic", "report_bug", "warn_slowpath", "__warn", "spin_lock", "spin_unlock", "spin_trylock",
    "read_lock", "read_unlock", "read_trylock", "write_lock", "write_unlock", "write_trylock",
    "down_read", "down_write", "up_read", "up_write", "osq_lock", "osq_unlock", "atomic",
    "list_add", "list_del", "memcpy", "memset", "memmove", "memcmp", "strcmp", "strncmp",
    "strlen", "strcpy", "strncpy", "strlcpy", "strscpy", "printk", "flush_work",
    "flush_workqueue", "queue_work", "wait_for_completion", "kmalloc", "kfree", "kmem_cache",
    "might_sleep", "might_fault", "__wake_up", "finish_wait", "copy_to_user"};
constexpr std::array<std::string_view, 14> kSkipPrefix = {
    "mutex_", "__mutex_", "rt_mutex_", "refcount_", "kref_", "schedule", "__schedule",
    "preempt_schedule", "io_schedule", "_cond_resched", "__cond_resched", "__switch_to",
    "context_switch", "copy_from_user"};
constexpr std::array<std::string_view, 7> kSkipExact = {"down", "up", "complete", "lock_page",
                                                        "unlock_page", "dput", "iput"};

constexpr std::array<std::string_view, 9> kDcachePrefix = {
    "d_", "__d_", "iget", "ilookup", "new_inode", "unlock_new_inode", "igrab", "ihold", "inode_init"};

constexpr std::array<std::string_view, 17> kSyscallPrefixes = {
    "SyS_", "sys_", "SYSC_", "compat_SyS_", "compat_SYSC_", "compat_sys_", "__x64_sys_",
    "__ia32_sys_", "__arm64_sys_", "__se_sys_", "__do_sys_", "ksys_", "__sys_", "__x64_",
    "__ia32_", "__arm64_", "__se_compat_sys_"};

// Anything matching these is a sleep or wait on the victim's stack, not its identity.
constexpr std::array<std::string_view, 13> kHangSkip = {
    "sched", "_lock", "_slowlock", "down", "rwsem", "completion", "kthread", "wait",
    "synchronize", "context_switch", "__switch_to", "cancel_delayed_work", "rcu_barrier"};

template <typename Keep>
std::string first_frame(const std::vector<std::string>& frames, Keep keep) {
  for (const auto& f : frames)
    if (!f.empty() && !is_skipped_frame(f) && keep(f)) return strip_syscall_prefix(f);
  return {};
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool hex_char(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_skipped_frame(std::string_view fn) {
  return contains_any(fn, kSkipAnywhere) || starts_with_any(fn, kSkipPrefix) || equals_any(fn, kSkipExact);
}

bool is_dcache_helper(std::string_view fn) { return starts_with_any(fn, kDcachePrefix); }

std::string strip_syscall_prefix(std::string_view fn) {
  std::string_view best = fn;
  for (auto p : kSyscallPrefixes)
    if (starts_with(fn, p) && fn.size() > p.size() && fn.size() - p.size() < best.size())
      best = fn.substr(p.size());
  return std::string(best);
}

std::string first_usable_frame(const std::vector<std::string>& frames) {
  return first_frame(frames, [](const std::string&) { return true; });
}

std::string dentry_alias_frame(const std::vector<std::string>& frames) {
  return first_frame(frames, [](const std::string& f) { return !is_dcache_helper(f); });
}

std::string hang_frame(const std::vector<std::string>& frames) {
  for (const auto& f : frames) {
    if (is_skipped_frame(f)) continue;
    if (contains(f, "rtnl_lock")) return "rtnl_lock";
    for (auto s : {"synchronize_rcu", "synchronize_srcu", "synchronize_net", "synchronize_sched"})
      if (contains(f, s)) return "synchronize_rcu";
  }
  return first_frame(frames, [](const std::string& f) { return !contains_any(f, kHangSkip); });
}

std::string normalize_title(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const char c = in[i];
    const bool word_start = i == 0 || !ident_char(in[i - 1]);
    if (starts_with(in.substr(i), "syz-executor")) {
      out += "syz-executor";
      i += 12;
      while (i < in.size() && (digit(in[i]) || in[i] == '.' || in[i] == ':')) ++i;
      continue;
    }
    if (c == '+' && starts_with(in.substr(i), "+0x")) {  // f+0x1a/0x2b -> f
      std::size_t j = i + 1;
      while (j < in.size() && (hex_char(in[j]) || in[j] == 'x' || in[j] == '/')) ++j;
      i = j;
      continue;
    }
    if (word_start && hex_char(c)) {
      std::size_t j = i;
      bool has_digit = false;
      for (; j < in.size() && hex_char(in[j]); ++j) has_digit |= digit(in[j]);
      if (has_digit && j - i >= 6 && (j == in.size() || !ident_char(in[j]))) {
        out += "ADDR";
        i = j;
        continue;
      }
    }
    if (digit(c) && (word_start || (i > 0 && in[i - 1] == '#'))) {
      std::size_t j = i;
      while (j < in.size() && digit(in[j])) ++j;
      if (j == in.size() || !ident_char(in[j])) {
        const bool line_no = i > 0 && in[i - 1] == ':' && i >= 3 && (in.substr(0, i - 1).ends_with(".c") || in.substr(0, i - 1).ends_with(".h"));
        const bool cpu = i > 0 && in[i - 1] == '#' && in.substr(0, i - 1).ends_with("CPU");
        if (cpu) out.pop_back();  // CPU#3 -> CPU
        else out += line_no ? "LINE" : "NUM";
        i = j;
        continue;
      }
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      ++i;
      continue;
    }
    if (c == ' ' && !out.empty() && out.back() == ' ') {
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  if (out.size() > 120) out.resize(120);
  return out;
}

}  // namespace simtrinity::report
