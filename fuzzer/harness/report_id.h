// How the fuzzer names a kernel report: title, kind, lock-class signature,
// the bug it is (triage's bucket id) and the folder a finding of it is saved
// in. The one place the harness asks: campaigns, replays, the minimizer's
// predicates and the libFuzzer target all read these from here, and here
// they come from report/, which reads the text as triage reads any log.
#pragma once
#include <string>

#include "simkernel/debug/report.h"

namespace simtrinity {

struct ReportId {
  std::string title;      // syzkaller-style: "possible deadlock in lock_rename"
  std::string kind;       // report/'s kind names
  std::string signature;  // the lock classes involved
  std::string bucket;     // the bug: triage's bucket id of the same text
  std::string dir;        // a finding's folder: "<title as a slug>-<bucket>"
  std::string anchor;     // the frame the title names ("lock_rename"), "" if none
  bool fatal = false;     // a deadlock or hung task (report::is_fatal of the kind); warnings are not
};

ReportId identify(const sk::Report& r);

// "possible deadlock in lock_rename" -> "possible_deadlock_in_lock_rename"
std::string slug(const std::string& title);

}  // namespace simtrinity
