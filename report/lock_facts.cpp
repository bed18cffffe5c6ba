#include "report/lock_facts.h"

namespace simtrinity::report {

const HeldList* held_list_of(const ScannedReport& r, const TaskRef& task) {
  for (const auto& l : r.held_lists)
    if (l.task == task) return &l;
  return nullptr;
}

std::optional<LockLine> same_instance_held(const ScannedReport& r, const BlockedOn& waited) {
  const auto* list = held_list_of(r, waited.task);
  if (!list || waited.lock.instance.empty()) return std::nullopt;
  for (const auto& l : list->locks)
    if (l.state != "blocked" && l.instance == waited.lock.instance && l.cls != waited.lock.cls) return l;
  return std::nullopt;
}

std::optional<BlockedOn> self_deadlock(const ScannedReport& r) {
  for (const auto& b : r.blocked)
    if (b.holder == b.task) return b;
  for (const auto& list : r.held_lists) {
    std::optional<BlockedOn> last;
    for (const auto& l : list.locks) {
      if (l.state != "blocked") continue;
      BlockedOn b{list.task, l, list.task};
      if (same_instance_held(r, b)) return b;
      last = b;
    }
    if (last) return last;
  }
  return std::nullopt;
}

std::optional<LockLine> hung_waited_lock(const ScannedReport& r) {
  if (r.hung_tasks.empty()) return std::nullopt;
  const auto* list = held_list_of(r, r.hung_tasks.front());
  if (!list || list->locks.empty()) return std::nullopt;
  return list->locks.back();
}

}  // namespace simtrinity::report
