// The inputs named on the command line, expanded: a directory stands for every
// regular file below it, in sorted path order so output never depends on readdir.
#pragma once
#include <string>
#include <vector>

namespace simtrinity::triage {

inline constexpr const char* kStdin = "-";

// Fills `files` (kStdin for "-"); on failure returns a one-line reason.
std::string expand_inputs(const std::vector<std::string>& args, std::vector<std::string>& files);

}  // namespace simtrinity::triage
