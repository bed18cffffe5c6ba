// What the watchdog hands to the embedding program: one report per finding,
// the text as the kernel would print it plus the facts a program may want
// without parsing it. The kernel prints; it does not name what it printed:
// kinds, titles and bug ids come from the report library (report/), which
// reads this text as it reads any real kernel's log.
#pragma once
#include <string>
#include <vector>

#include "simkernel/uapi.h"

namespace sk {

struct Report {
  std::string detector;  // who printed it: "lockdep", "hung_task", "wait-for-graph", "all-blocked", "vfs-invariants"
  bool fatal = false;    // a deadlock or hung task ends the run; warnings do not
  std::vector<pid_t> tasks;              // involved tasks
  std::vector<std::string> locks;        // involved lock classes (#N stripped, /S kept), sorted
  std::vector<std::vector<std::string>> traces;  // per involved task, "func+0xoff/0xsize" frames
  // Per frame of `traces`, where it is in the simulated kernel's source
  // ("simkernel/fs/rename_locking.cpp:157"; "" for entry code).
  std::vector<std::vector<std::string>> trace_sources;
  std::string text;      // the report as printed
};

}  // namespace sk
