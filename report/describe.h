// The one question every command asks of a kernel report — what kind, which
// title, which bug — answered in one place: by reading the text, as triage
// reads a real kernel's log. `run` names its findings, `repro` and `minimize`
// check titles and the libFuzzer target prints them through this, so the id a
// finding is saved under is the bucket `simtrinity triage` gives its report.txt.
#pragma once
#include <string_view>

#include "report/parser.h"
#include "simkernel/debug/report.h"

namespace simtrinity::report {

// The first report in `text` (kind none, empty title, when there is none).
ParsedReport describe(std::string_view text);
inline ParsedReport describe(const sk::Report& r) { return describe(r.text); }

}  // namespace simtrinity::report
