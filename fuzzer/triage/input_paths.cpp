#include "fuzzer/triage/input_paths.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace simtrinity::triage {

namespace fs = std::filesystem;

std::string expand_inputs(const std::vector<std::string>& args, std::vector<std::string>& files) {
  for (const auto& a : args) {
    if (a == kStdin) {
      files.push_back(a);
      continue;
    }
    std::error_code ec;
    const auto st = fs::status(a, ec);
    if (ec || !fs::exists(st)) return "cannot read " + a + ": no such file or directory";
    if (!fs::is_directory(st)) {
      files.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    if (ec) return "cannot read directory " + a + ": " + ec.message();
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return {};
}

}  // namespace simtrinity::triage
