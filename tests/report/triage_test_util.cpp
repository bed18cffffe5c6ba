#include "triage_test_util.h"

#include <filesystem>

namespace simtrinity::report::testing {

std::string scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::path(SIMTRINITY_BINARY_DIR) / "triage-test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace simtrinity::report::testing
