// syzkaller's reasons to call a report corrupted (§5): a corrupted report is
// still titled, bucketed and counted, never dropped, but flagged so nobody
// mistakes a truncated or interleaved splat for a new bug.
#pragma once
#include <string>

#include "report/scan.h"
#include "report/title.h"

namespace simtrinity::report {

// "" when the report is clean, else the first reason it is not.
std::string corruption_reason(const RawReport& raw, const ScannedReport& r, const Title& t);

}  // namespace simtrinity::report
