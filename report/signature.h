// The bucketing signature of §6: "kind|key classes|anchor". Classes are
// normalized (lock_line.h) and sorted, so the same bug from other pids, seeds,
// boots and kernels shares a signature, while an ABBA and a recursive report in
// one function do not (the kind differs, and so do the classes).
#pragma once
#include <string>
#include <vector>

#include "report/scan.h"

namespace simtrinity::report {

// The classes that identify the bug; context-only locks (sb_writers and the
// like, seen only in "locks held by" lists) never get in unless the kind is
// about held locks as such.
std::vector<std::string> key_classes(const ScannedReport& r);

std::string make_signature(const ScannedReport& r, const std::vector<std::string>& classes, const std::string& anchor);

// A short stable id for a signature ("3f2a9c1e0b7d").
std::string bucket_id(const std::string& signature);

}  // namespace simtrinity::report
