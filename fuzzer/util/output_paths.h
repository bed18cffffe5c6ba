// Whether a subcommand can write where it was told to, checked before any
// work starts, so a bad -o or --json is one usage error and not a lost
// campaign: `run`, `merge` and `minimize` ask the same questions.
#pragma once
#include <string>

namespace simtrinity::util {

// Why `path` cannot be written as an output file ("" when it can): it is a
// directory or another non-regular file, or its directory is missing or not
// writable (tried by creating and removing a temporary there). Run before
// the work whose result goes there.
std::string check_output_file(const std::string& path);
// The same for an output folder, created (with its parents) when missing.
std::string check_output_dir(const std::string& path);

}  // namespace simtrinity::util
