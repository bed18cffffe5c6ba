#include "report/title_rules.h"

#include "report/multi_match.h"
#include "report/text.h"

#include <array>
#include <cctype>

namespace simtrinity::report {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

template <typename List>
bool contains_any(std::string_view s, const List& parts) {
  for (auto p : parts)
    if (contains(s, p)) return true;
  return false;
}
template <typename List>
bool starts_with_any(std::string_view s, const List& prefixes) {
  for (auto p : prefixes)
    if (starts_with(s, p)) return true;
  return false;
}
template <typename List>
bool ends_with_any(std::string_view s, const List& suffixes) {
  for (auto p : suffixes)
    if (s.ends_with(p)) return true;
  return false;
}
template <typename List>
bool equals_any(std::string_view s, const List& names) {
  for (auto n : names)
    if (s == n) return true;
  return false;
}

// syzkaller's global frame skip list (linuxStackParams.skipPatterns in
// pkg/report/linux.go at google/syzkaller@1e72964b), sorted by how each of
// its regexps anchors: unanchored ones match anywhere ("spin_lock" also takes
// _raw_spin_lock_irqsave), "^x" is a prefix, "x$" a suffix, "^x$" the name.
// Alternations are spelled out ("atomic(64)?_(dec|inc...)" -> each name).
constexpr std::string_view kSkipAnywhere[] = {
    "__sanitizer", "__asan", "kasan", "hwasan", "__msan", "kmsan", "kcsan_setup_watchpoint",
    "check_memory_region", "check_heap_object", "check_object", "read_word_at_a_time",
    "print_address_description", "panic", "invalid_op", "report_bug", "fixup_bug", "print_report",
    "print_usage_bug", "do_error", "do_trap", "show_stack", "dump_stack", "walk_stack", "dump_backtrace",
    "warn_slowpath", "warn_alloc", "warn_bogus", "__warn", "alloc_page", "malloc", "zalloc", "calloc",
    "krealloc", "kmem_cache", "allocate_slab", "__alloc_frozen_pages_noprof", "folio_alloc", "folio_unlock",
    "filemap_alloc_folio", "__filemap_get_folio", "find_or_create_page", "do_read_cache_folio",
    "read_cache_page", "pagecache_get_page", "grab_cache_page_write_begin", "slab_", "debug_object",
    "timer_is_static_object", "work_is_static_object", "__might_fault", "print_unlock", "imbalance_bug",
    "lockdep", "bh_enable", "bh_disable", "perf_trace", "lock_acquire", "lock_release", "lock_class",
    "mark_lock", "reacquire_held_locks", "mark_held_locks", "raw_spin_rq", "spin_lock", "spin_trylock",
    "spin_unlock", "read_lock", "read_trylock", "write_lock", "write_trylock", "read_unlock", "write_unlock",
    "down_read", "down_write", "down_trylock", "up_read", "up_write", "owner_on_cpu", "osq_lock",
    "osq_unlock", "atomic_dec", "atomic_inc", "atomic_read", "atomic_set", "atomic_or", "atomic_xor",
    "atomic_and", "atomic_add", "atomic_sub", "atomic_fetch", "atomic_xchg", "atomic_cmpxchg", "atomic_try",
    "atomic64_dec", "atomic64_inc", "atomic64_read", "atomic64_set", "atomic64_or", "atomic64_xor",
    "atomic64_and", "atomic64_add", "atomic64_sub", "atomic64_fetch", "atomic64_xchg", "atomic64_cmpxchg",
    "atomic64_try", "set_bit", "clear_bit", "change_bit", "test_bit", "__wake_up", "ref_tracker",
    "seqprop_assert", "memcpy", "memcmp", "memset", "memchr", "memmove", "memdup", "strcmp", "strncmp",
    "strcpy", "strlcpy", "strncpy", "strscpy", "strlen", "strstr", "strnstr", "strnlen", "strchr", "strdup",
    "strndup", "copy_to_user", "copy_from_user", "copy_to_iter", "copy_from_iter", "copy_page_to_iter",
    "copy_page_from_iter", "copy_folio_to_iter", "put_user", "get_user", "might_fault", "might_sleep",
    "list_add", "list_del", "list_replace", "list_move", "list_splice", "_indirect_thunk_", "string",
    "pointer", "snprintf", "scnprintf", "kasprintf", "kvasprintf", "printk", "va_format", "dev_info",
    "dev_notice", "dev_warn", "dev_err", "dev_alert", "dev_crit", "dev_emerg", "program_check_exception",
    "program_check_common", "del_timer", "flush_work", "__cancel_work_timer", "cancel_work_sync",
    "try_to_grab_pending", "flush_workqueue", "drain_workqueue", "destroy_workqueue", "queue_work",
    "finish_wait", "kthread_stop", "kobject_", "add_uevent_var", "get_device_parent", "device_add",
    "device_del", "device_unregister", "device_destroy", "device_release", "devres_release_all",
    "hwrng_unregister", "i2c_del_adapter", "__unregister_client", "device_for_each_child",
    "rollback_registered", "unregister_netdev", "sysfs_remove", "device_remove_file", "tty_unregister_device",
    "dummy_urb_enqueue", "usb_kill_urb", "usb_kill_anchored_urbs", "usb_control_msg", "usb_hcd_submit_urb",
    "usb_submit_urb", "wait_for_completion", "kfree_skb", "logic_in", "logic_out", "crc_itu_t",
    "__might_resched", "assertfail", "hex_dump_to_buffer", "print_hex_dump", "trace_hardirq", "trace_softirq",
    "stack_trace_consume_entry", "arch_stack_walk", "stack_trace_save", "insert_work", "__queue_delayed_work",
    "queue_delayed_work_on", "ida_free", "do_kernel_fault", "do_translation_fault", "do_mem_abort",
    "el1_abort", "el1h_64_sync", "print_tainted", "xas_start", "xas_load", "xas_find", "find_lock_entries",
    "truncate_inode_pages_range", "__phys_addr", "__fortify_report", "cleanup_srcu_struct",
    "rhashtable_lookup", "extract_user_to_sg", "extract_iter_to_sg", "drop_nlink", "lock_timer_base",
    "__timer_delete_sync", "sk_stop_timer_sync", "__mod_timer", "fast_dput", "dput", "mark_buffer_dirty"};
constexpr std::string_view kSkipPrefix[] = {"mutex_", "__mutex_", "rt_mutex_", "refcount_", "kref_", "rb_",
                                            "__rb_", "klist_", "lock_page", "unlock_page"};
constexpr std::string_view kSkipSuffix[] = {"_trap", "readb", "readw", "readl", "readq",
                                            "writeb", "writew", "writel", "writeq"};
constexpr std::string_view kSkipExact[] = {"down", "complete", "kfree", "kvfree", "copyin", "copyout",
                                           "iput", "iput_final", "ihold", "get_taint", "put_device"};

// syzkaller's linuxStallAnchorFrames: where a stalled CPU's work was dispatched
// (syscall entry, softirq, timers, workqueues, the discriminating file and
// socket operations). The stall is titled by the frame called from the first
// of these, which stays put while the looping code above it moves.
constexpr std::string_view kStallAnchorAnywhere[] = {
    "process_one_work", "do_syscall_", "do_fast_syscall_", "sysenter_dispatch", "tracesys_phase2",
    "el0_svc_handler", "invoke_syscall", "ret_fast_syscall", "netif_receive_skb", "do_softirq", "call_timer_fn",
    "_run_timers", "run_timer_softirq", "hrtimer_run", "run_ksoftirqd", "smpboot_thread_fn", "start_secondary",
    "cpu_startup_entry", "ret_from_fork", "vfs_write", "vfs_read", "vfs_iter_read", "vfs_iter_write",
    "do_iter_read", "do_iter_write", "call_read_iter", "call_write_iter", "new_sync_read", "new_sync_write",
    "vfs_ioctl", "ksys_ioctl", "compat_ioctl", "compat_sys_ioctl", "blkdev_driver_ioctl", "blkdev_ioctl",
    "do_iter_readv_writev", "mmap_region", "do_mmap", "do_dentry_open", "vfs_open", "kernel_setsockopt",
    "sock_common_setsockopt", "kernel_listen", "sk_common_release", "kernel_accept", "__do_fault",
    "do_page_fault", "__fput", "task_work_run", "exit_to_usermode", "smp_call_function", "tasklet_action",
    "tasklet_hi_action"};
constexpr std::string_view kStallAnchorPrefix[] = {
    "call_mmap", "sock_sendmsg", "sock_recvmsg", "sock_release", "__sock_release", "sock_mmap", "sock_do_ioctl",
    "sock_ioctl", "compat_sock_ioctl", "nfnetlink_rcv_msg", "rtnetlink_rcv_msg", "netlink_dump", "socketpair",
    "connect", "ioctl", "sys_socketpair", "sys_connect", "sys_ioctl"};
constexpr std::string_view kStallAnchorExact[] = {"kthread", "setsockopt", "listen", "accept", "page_fault"};

bool is_stall_anchor(std::string_view f) {
  static const MultiMatch anywhere(kStallAnchorAnywhere);
  return anywhere.any(f) || starts_with_any(f, kStallAnchorPrefix) ||
         equals_any(f, kStallAnchorExact);
}

// Not syzkaller's: our own kinds' traces (simtrinity's watchdog) pass through
// the scheduler, which no real lockdep splat's title frame does.
constexpr std::string_view kSimSkipPrefix[] = {"schedule", "__schedule", "preempt_schedule", "io_schedule",
                                               "_cond_resched", "__cond_resched", "__switch_to", "context_switch"};

constexpr std::array<std::string_view, 9> kDcachePrefix = {
    "d_", "__d_", "iget", "ilookup", "new_inode", "unlock_new_inode", "igrab", "ihold", "inode_init"};

// syzkaller's stripFramePrefixes: each tried once on the name, the shortest result wins
// (so __x64_sys_rmdir is sys_rmdir, SyS_rmdir is rmdir).
constexpr std::string_view kSyscallPrefixes[] = {"SYSC_",   "SyS_",   "sys_",      "__x64_",   "__ia32_",
                                                 "__arm64_", "____sys_", "___sys_",   "__sys_",   "__se_",
                                                 "__se_sys_", "__do_sys_", "compat_SYSC_", "compat_SyS_", "ksys_"};

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
  static const MultiMatch anywhere(kSkipAnywhere);
  if (anywhere.any(fn) || starts_with_any(fn, kSkipPrefix) || ends_with_any(fn, kSkipSuffix) ||
      equals_any(fn, kSkipExact))
    return true;
  // "^crc\d+" and "(read|write)_once_.*nocheck".
  if (fn.starts_with("crc") && fn.size() > 3 && digit(fn[3])) return true;
  for (std::string_view once : {"read_once_", "write_once_"})
    if (const auto at = fn.find(once); at != std::string_view::npos && contains(fn.substr(at), "nocheck")) return true;
  return false;
}

bool is_sim_skipped_frame(std::string_view fn) { return is_skipped_frame(fn) || starts_with_any(fn, kSimSkipPrefix); }

bool is_dcache_helper(std::string_view fn) { return starts_with_any(fn, kDcachePrefix); }

std::string strip_syscall_prefix(std::string_view fn) {
  std::string_view best = fn;
  for (auto p : kSyscallPrefixes)
    if (starts_with(fn, p) && fn.size() > p.size() && fn.size() - p.size() < best.size())
      best = fn.substr(p.size());
  return std::string(best);
}

std::string dentry_alias_frame(const std::vector<std::string>& frames) {
  return first_frame(frames, [](const std::string& f) { return !is_dcache_helper(f) && !is_sim_skipped_frame(f); });
}

std::string hang_frame(const std::vector<std::string>& frames) {
  for (const auto& f : frames) {
    if (is_skipped_frame(f)) continue;
    if (contains(f, "rtnl_lock")) return f;
    for (auto s : {"synchronize_rcu", "synchronize_srcu", "synchronize_net", "synchronize_sched"})
      if (contains(f, s)) return "synchronize_rcu";
  }
  return first_frame(frames, [](const std::string& f) { return !contains_any(f, kHangSkip); });
}

std::string stall_frame(const std::vector<std::string>& frames) {
  std::string prev;
  for (const auto& f : frames) {
    if (f.empty() || is_skipped_frame(f)) continue;
    if (prev.empty()) prev = f;
    if (is_stall_anchor(f)) return contains(f, "smp_call_function") ? "smp_call_function" : prev;
    prev = f;
  }
  return {};
}

std::string first_sim_frame(const std::vector<std::string>& frames) {
  for (const auto& f : frames)
    if (!f.empty() && !is_sim_skipped_frame(f)) return strip_syscall_prefix(f);
  return {};
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
