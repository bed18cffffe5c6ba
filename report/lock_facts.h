// Questions several consumers (titles, signatures, graphs) ask of a scanned report.
#pragma once
#include <optional>

#include "report/scan.h"

namespace simtrinity::report {

// The held-lock list printed for `task`, if any.
const HeldList* held_list_of(const ScannedReport& r, const TaskRef& task);

// The lock a task sleeps on while holding it: simtrinity's "blocked on a lock it
// already holds", or, in the seed's bare dump, the "blocked:" entry whose instance
// the same task also holds (else its last "blocked:" entry).
std::optional<BlockedOn> self_deadlock(const ScannedReport& r);

// The held entry of the same task with the same instance as `waited` (the "/1" of "/2").
std::optional<LockLine> same_instance_held(const ScannedReport& r, const BlockedOn& waited);

// The lock a hung task waits for: lockdep lists it last, because it records
// an acquisition before sleeping on it (§1.1).
std::optional<LockLine> hung_waited_lock(const ScannedReport& r);

}  // namespace simtrinity::report
