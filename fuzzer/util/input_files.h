// What a subcommand is given to read: files, directories (every regular file
// below, recursively, in sorted path order so output never depends on
// readdir order) and "-" for standard input.
#pragma once
#include <string>
#include <vector>

namespace simtrinity::util {

inline constexpr const char* kStdin = "-";

// The files named by `args`, expanded. A path that cannot be read gives one
// line in `errors` ("cannot read X: reason") and the others are still listed.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<std::string>& errors);

// Reads a file (or standard input for kStdin) whole; false with `error`
// ("cannot read X: reason") when it cannot.
bool read_file(const std::string& path, std::string& out, std::string& error);

}  // namespace simtrinity::util
