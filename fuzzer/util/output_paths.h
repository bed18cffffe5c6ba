// Whether a subcommand can write where it was told to, checked before any
// work starts, so a bad -o or --json is one usage error and not a lost
// campaign: `run` and `merge` ask the same questions.
#pragma once
#include <string>

namespace simtrinity::util {

// Creates `dir` (and its parents) when missing; true when a file can be made in it.
bool writable_dir(const std::string& dir);
// True when the folder `path` would go in exists and is writable.
bool writable_file(const std::string& path);

}  // namespace simtrinity::util
