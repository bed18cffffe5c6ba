#include "simkernel/locking/lockdep_validator.h"

#include <algorithm>
#include <deque>
#include <fmt/format.h>

#include "simkernel/debug/kallsyms.h"
#include "simkernel/debug/lock_dump.h"
#include "simkernel/debug/splat.h"
#include "simkernel/locking/lock.h"

namespace sk {

using namespace debug;  // the splat, lock and stack printers

namespace {

std::string site_name(int sym) { return sym >= 0 && sym < kallsyms_count ? std::string(ksym_name(sym)) : ""; }

// "<comm>/<pid> is trying to acquire lock:" ... "but task is already holding lock:".
std::string trying_and_holding(const task_struct& t, const std::string& next, const std::string& prev,
                               std::string_view holding = "but task is already holding lock:") {
  return fmt::format("{}/{} is trying to acquire lock:\n{}\n\n{}\n{}\n", t.comm, t.pid, next, holding, prev);
}

}  // namespace

LockdepValidator::class_info& LockdepValidator::info(const lock_class& c) {
  if (classes_.size() <= static_cast<size_t>(c.id)) classes_.resize(c.id + 1);
  return classes_[c.id];
}

const LockdepValidator::dep* LockdepValidator::find_dep(int from, int to) const {
  if (static_cast<size_t>(from) >= classes_.size()) return nullptr;
  for (const auto& d : classes_[from].after)
    if (d.to == to) return &d;
  return nullptr;
}

std::vector<int> LockdepValidator::check_noncircular(int from, int to) const {
  std::vector<int> parent(classes_.size(), -2);
  std::deque<int> queue{from};
  if (static_cast<size_t>(from) >= classes_.size()) return {};
  parent[from] = -1;
  while (!queue.empty()) {
    int c = queue.front();
    queue.pop_front();
    if (c == to) {
      std::vector<int> path;
      for (int p = c; p != -1; p = parent[p]) path.push_back(p);
      std::reverse(path.begin(), path.end());
      return path;
    }
    for (const auto& d : classes_[c].after) {
      if (d.reported || static_cast<size_t>(d.to) >= parent.size() || parent[d.to] != -2) continue;
      parent[d.to] = c;
      queue.push_back(d.to);
    }
  }
  return {};
}

void LockdepValidator::validate_chain(task_struct& t, const held_lock& next) {
  if (!opts_.lockdep || k_.dying()) return;
  info(*next.cls).kind = next.lock ? next.lock->kind : lock_kind::mutex;
  const size_t n = t.held_locks.size();
  if (!n || &t.held_locks[n - 1] != &next) return;
  if (check_deadlock(t, next) || n < 2) return;
  // check_prevs_add(): the most recent held lock; older ones already lead to it.
  check_prev_add(t, t.held_locks[n - 2], next);
}

bool LockdepValidator::check_deadlock(task_struct& t, const held_lock& next) {
  // Plus the instance check lockdep does not make.
  for (size_t i = 0; i + 1 < t.held_locks.size(); i++) {
    const held_lock& prev = t.held_locks[i];
    if (prev.read && next.read) continue;  // read-after-read recursion is allowed
    if (prev.cls == next.cls) {
      print_deadlock_bug(t, prev, next);
      return true;
    }
    if (prev.lock == next.lock) print_same_instance_bug(t, prev, next);
  }
  return false;
}

void LockdepValidator::check_prev_add(task_struct& t, const held_lock& prev, const held_lock& next) {
  if (prev.blocked || prev.cls == next.cls) return;
  const int from = prev.cls->id, to = next.cls->id;
  info(*prev.cls);
  if (find_dep(from, to)) return;
  std::vector<int> path = check_noncircular(to, from);
  auto& after = classes_[from].after;
  if (!path.empty()) {
    after.push_back(dep{to, true, {}});
    print_circular_bug(t, prev, next, path);
    return;
  }
  after.push_back(dep{to, false, task_trace(t, trace_top::lock_acquire)});
}

void LockdepValidator::print_deadlock_bug(task_struct& t, const held_lock& prev, const held_lock& next) {
  if (!once("recursive|" + next.cls->name)) return;
  const lock_dump_style ss = splat_style(style());
  std::string text = old_headers() ? splat_header(k_, "[ INFO: possible recursive locking detected ]")
                                   : splat_header(k_, "WARNING: possible recursive locking detected");
  text += trying_and_holding(t, print_lock(next, ss), print_lock(prev, ss));
  text += fmt::format(
      "\nother info that might help us debug this:\n"
      " Possible unsafe locking scenario:\n\n"
      "       CPU0\n"
      "       ----\n"
      "  lock({});\n"
      "  lock({});\n"
      "\n *** DEADLOCK ***\n\n"
      " May be due to missing lock nesting notation\n\n",
      prev.cls->name, next.cls->name);
  text += print_held_locks(t, ss, t.held_locks.size() - 1);
  auto frames = task_trace(t, trace_top::lockdep);
  text += stack_backtrace(k_, t, frames, ss);
  Report r = make_report("lockdep", false);
  r.tasks = {t.pid};
  r.locks = {class_signature(*next.cls)};
  add_trace(r, frames);
  r.text = std::move(text);
  k_.report(r);
}

void LockdepValidator::print_same_instance_bug(task_struct& t, const held_lock& prev, const held_lock& next) {
  if (!once(fmt::format("instance|{}|{}", prev.cls->name, next.cls->name))) return;
  const lock_dump_style ss = splat_style(style());
  std::string text = splat_header(k_, "WARNING: one lock instance acquired under two subclasses");
  text += trying_and_holding(t, print_lock_instance(next, ss), print_lock_instance(prev, ss),
                             "but task already holds the same instance as another class:");
  text += fmt::format(
      "\nlockdep validates classes, and {} and {} are distinct classes:\n"
      "the task will wait for itself unless the second acquisition can never\n"
      "meet the first on one instance.\n\n"
      "other info that might help us debug this:\n",
      prev.cls->name, next.cls->name);
  text += print_held_locks(t, ss);
  auto frames = task_trace(t, trace_top::lockdep);
  text += stack_backtrace(k_, t, frames, ss);
  Report r = make_report("lockdep", false);
  r.tasks = {t.pid};
  r.locks = {class_signature(*prev.cls), class_signature(*next.cls)};
  sort_unique(r.locks);
  add_trace(r, frames);
  r.text = std::move(text);
  k_.report(r);
}

void LockdepValidator::print_circular_bug(task_struct& t, const held_lock& prev, const held_lock& next,
                                      const std::vector<int>& path) {
  // path: next's class ... prev's class, each taken while the one before it was held.
  std::vector<int> key_ids = path;
  std::sort(key_ids.begin(), key_ids.end());
  std::string key = "circular";
  for (int id : key_ids) key += fmt::format("|{}", id);
  if (!once(key)) return;

  const lock_dump_style ss = splat_style(style());
  const auto& all = k_.lockdep().classes();
  auto cls = [&](int id) -> const lock_class& { return *all[id]; };
  auto name_usage = [&](int id) { return class_name_usage(cls(id), classes_[id].kind, ss); };

  std::string text = old_headers() ? splat_header(k_, "[ INFO: possible circular locking dependency detected ]", 54, 55)
                                   : splat_header(k_, "WARNING: possible circular locking dependency detected");
  text += trying_and_holding(t, print_lock(next, ss), print_lock(prev, ss));
  text += "\nwhich lock already depends on the new lock.\n\n";
  text += "\nthe existing dependency chain (in reverse order) is:\n";
  auto current = task_trace(t, trace_top::lockdep);
  const size_t depth = path.size() - 1;
  for (size_t i = depth + 1; i-- > 0;) {
    const std::vector<trace_frame>* trace = &current;
    if (i > 0) trace = &find_dep(path[i - 1], path[i])->trace;
    text += fmt::format("\n-> #{} {}:\n", i, name_usage(path[i]));
    text += format_trace(*trace, ss, "       ");
  }
  text += "\nother info that might help us debug this:\n\n";
  const lock_class& source = *next.cls;  // acquiring
  const lock_class& target = *prev.cls;  // held
  const lock_class& parent = cls(path[depth - 1]);
  if (&parent != &source) text += fmt::format("Chain exists of:\n  {} --> {} --> {}\n\n", source.name, parent.name, target.name);
  text += fmt::format(
      " Possible unsafe locking scenario:\n\n"
      "       CPU0                    CPU1\n"
      "       ----                    ----\n"
      "  lock({});\n"
      "                               lock({});\n"
      "                               lock({});\n"
      "  lock({});\n"
      "\n *** DEADLOCK ***\n\n",
      target.name, parent.name, target.name, source.name);
  text += print_held_locks(t, ss, t.held_locks.size() - 1);
  text += stack_backtrace(k_, t, current, ss);

  Report r = make_report("lockdep", false);
  r.tasks = {t.pid};
  for (int id : path) r.locks.push_back(class_signature(cls(id)));
  sort_unique(r.locks);
  add_trace(r, current);
  r.text = std::move(text);
  k_.report(r);
}

void LockdepValidator::print_unlock_imbalance_bug(task_struct& t, lock_base& lock, int ip_sym, uint32_t ip_off) {
  if (!opts_.lockdep || k_.dying()) return;
  const char* name = lock.dep_map.key && lock.dep_map.key->name ? lock.dep_map.key->name : "(null)";
  if (!once(fmt::format("bad-unlock|{}|{}", name, site_name(ip_sym)))) return;
  const lock_dump_style ss = splat_style(style());
  std::string text = old_headers() ? splat_header(k_, "[ BUG: bad unlock balance detected! ]")
                                   : splat_header(k_, "WARNING: bad unlock balance detected!");
  text += fmt::format("{}/{} is trying to release lock ({}) at:\n{}\n", t.comm, t.pid, name,
                      format_site(ip_sym, ip_off, lock_dump_style::v3x));
  text += "but there are no more locks to release!\n\nother info that might help us debug this:\n";
  text += print_held_locks(t, ss);
  auto frames = task_trace(t, trace_top::lock_release);
  text += stack_backtrace(k_, t, frames, ss);
  Report r = make_report("lockdep", false);
  r.tasks = {t.pid};
  r.locks = {name};
  add_trace(r, frames);
  r.text = std::move(text);
  k_.report(r);
}

void LockdepValidator::lockdep_sys_exit(task_struct& t) {
  if (!opts_.lockdep || t.held_locks.empty() || k_.dying()) return;
  std::vector<std::string> locks;
  for (const auto& hl : t.held_locks) locks.push_back(class_signature(*hl.cls));
  std::string key = "user-return";
  for (const auto& l : locks) key += "|" + l;
  if (!once(key)) return;
  const lock_dump_style ss = splat_style(style());
  std::string text = old_headers() ? splat_header(k_, "[ BUG: lock held when returning to user space! ]")
                                   : splat_header(k_, "WARNING: lock held when returning to user space!");
  text += fmt::format("{}/{} is leaving the kernel with locks still held!\n", t.comm, t.pid);
  text += print_held_locks(t, ss);
  Report r = make_report("lockdep", false);
  r.tasks = {t.pid};
  sort_unique(locks);
  r.locks = std::move(locks);
  add_trace(r, task_trace(t, trace_top::none));
  r.text = std::move(text);
  k_.report(r);
}

}  // namespace sk
