#include "fuzzer/util/output_paths.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace simtrinity::util {

bool writable_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) return false;
  fs::path probe = fs::path(dir) / fmt::format(".probe-{}", ::getpid());
  {
    std::ofstream os(probe);
    if (!os) return false;
  }
  fs::remove(probe, ec);
  return true;
}

bool writable_file(const std::string& path) {
  fs::path p(path);
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  return fs::is_directory(dir) && access(dir.c_str(), W_OK) == 0;
}

}  // namespace simtrinity::util
