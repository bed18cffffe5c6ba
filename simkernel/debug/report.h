// What the watchdog hands to the embedding program: one structured report
// per finding, with the full text as the kernel would print it.
#pragma once
#include <string>
#include <vector>

#include "simkernel/uapi.h"

namespace sk {

struct Report {
  std::string kind;      // e.g. "deadlock", "hung-task", "circular-locking", "vfs-invariant"
  std::string title;     // syzkaller convention: "possible deadlock in lock_rename"
  bool fatal = false;    // a deadlock or hung task ends the run; warnings do not
  std::vector<pid_t> tasks;              // involved tasks
  std::vector<std::string> locks;        // involved lock classes (#N stripped): the signature
  std::vector<std::vector<std::string>> traces;  // per involved task, "func+0xoff/0xsize" frames
  std::string text;      // the report as printed
};

}  // namespace sk
