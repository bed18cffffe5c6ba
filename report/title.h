// syzkaller-style titles (§5) for scanned reports, built on the shared rules of
// report/title_rules.h so the watchdog and triage name bugs alike.
#pragma once
#include <string>

#include "report/scan.h"

namespace simtrinity::report {

struct Title {
  std::string text;    // "possible deadlock in lock_rename"
  std::string anchor;  // "lock_rename"; "" when no frame could name the bug
  std::string problem; // why the title could not be made cleanly ("" if it could)
  bool walk_corrupted = false;  // a fault-injection frame met on the way to the frame
  bool no_stack_trace = false;  // the kind prints no stack trace, so none is missing
};

Title make_title(const RawReport& raw, const ScannedReport& r);

}  // namespace simtrinity::report
