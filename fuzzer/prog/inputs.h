// Loading what `repro`, `decode` and `minimize` are given: text programs
// (*.prog), libFuzzer inputs (any other file: raw bytes, decoded the way
// simkernel_fuzzer runs them) and directories of either.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

// Regular files under each path (directories: their files, sorted, recursively);
// an error line for a path that does not exist.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors);

bool is_text_program(const std::string& path);

// Reads a file whole; false with `error` ("PATH: reason") when it cannot.
bool read_file(const std::string& path, std::string& out, std::string& error);

// A program from a file: parsed text, or a libFuzzer input decoded (run once,
// recorded). nullopt with a one-line error for malformed text.
std::optional<Program> load_program(const std::string& path, const std::string& kernel_for_bytes, std::string& error);

}  // namespace simtrinity::prog
