#include "fuzzer/prog/inputs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "fuzzer/prog/fuzz_input.h"

namespace fs = std::filesystem;

namespace simtrinity::prog {

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, std::vector<std::string>& errors) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      if (ec) errors.push_back(fmt::format("{}: {}", p, ec.message()));
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      errors.push_back(fmt::format("{}: no such file or directory", p));
    }
  }
  return out;
}

bool is_text_program(const std::string& path) { return fs::path(path).extension() == ".prog"; }

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ifstream is(path, std::ios::binary);
  if (!is) {
    error = fmt::format("{}: cannot open", path);
    return false;
  }
  std::ostringstream ss;
  ss << is.rdbuf();
  if (is.bad()) {
    error = fmt::format("{}: read error", path);
    return false;
  }
  out = ss.str();
  return true;
}

std::optional<Program> load_program(const std::string& path, const std::string& kernel_for_bytes, std::string& error) {
  std::string data;
  if (!read_file(path, data, error)) return std::nullopt;
  if (is_text_program(path)) return parse(data, path, error);
  FuzzRun fr = run_fuzz_input(reinterpret_cast<const uint8_t*>(data.data()), data.size(), kernel_for_bytes, true);
  fr.program.header.push_back(fmt::format(" decoded from the libFuzzer input {} ({} bytes)", path, data.size()));
  return std::move(fr.program);
}

}  // namespace simtrinity::prog
