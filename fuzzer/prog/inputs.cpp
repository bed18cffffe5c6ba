#include "fuzzer/prog/inputs.h"

#include <filesystem>

#include <fmt/format.h>

#include "fuzzer/prog/fuzz_input.h"
#include "fuzzer/util/input_files.h"

namespace simtrinity::prog {

bool is_text_program(const std::string& path) { return std::filesystem::path(path).extension() == ".prog"; }

Program decode_fuzz_input(const std::string& data, const std::string& name, const std::string& kernel) {
  RunOutcome r = run_fuzz_input(reinterpret_cast<const uint8_t*>(data.data()), data.size(), kernel, true);
  Program p = std::move(*r.recording);
  p.header.push_back(fmt::format(" decoded from the libFuzzer input {} ({} bytes)", name, data.size()));
  if (const auto* f = r.primary()) p.header.push_back(fmt::format(" report: {}", f->id.title));
  return p;
}

std::optional<Program> load_program(const std::string& path, const std::string& kernel_for_bytes, std::string& error) {
  std::string data;
  if (!util::read_file(path, data, error)) return std::nullopt;
  if (is_text_program(path)) return parse(data, path, error);
  return decode_fuzz_input(data, path, kernel_for_bytes);
}

}  // namespace simtrinity::prog
