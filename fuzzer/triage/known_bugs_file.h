// The known-bugs file of `run --known` and `triage --known` (its format is
// report/known_bugs.h), read through the bounded reader of input_files.h.
#pragma once
#include <string>

#include "report/known_bugs.h"

namespace simtrinity::triage {

// Adds the entries of `path` to `into`; "" on success, else a one-line reason.
std::string load_known_bugs(const std::string& path, report::KnownBugs& into);

}  // namespace simtrinity::triage
