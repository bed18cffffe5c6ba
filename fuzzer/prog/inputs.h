// What `repro`, `decode` and `minimize` are given: text programs (*.prog) or
// libFuzzer inputs (any other file: raw bytes, run the way simkernel_fuzzer
// runs them).
#pragma once
#include <optional>
#include <string>

#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

bool is_text_program(const std::string& path);

// A program from a file: parsed text, or a libFuzzer input decoded (run once
// on `kernel_for_bytes`, recorded). nullopt with a one-line error ("cannot
// read X: ..." or "FILE:LINE:COL: ...") otherwise.
std::optional<Program> load_program(const std::string& path, const std::string& kernel_for_bytes, std::string& error);

// A libFuzzer input as the program it runs (run once, recorded), with a
// header naming where it came from.
Program decode_fuzz_input(const std::string& data, const std::string& name, const std::string& kernel);

}  // namespace simtrinity::prog
