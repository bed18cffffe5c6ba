#include "fuzzer/util/output_paths.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "fuzzer/util/atomic_write.h"

namespace fs = std::filesystem;

namespace simtrinity::util {

std::string check_output_file(const std::string& path) {
  if (path.empty()) return "no file name";
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return "it is a directory";
    if (!S_ISREG(st.st_mode)) return "it is not a regular file";
  }
  const std::string dir = parent_dir(path);
  if (::stat(dir.c_str(), &st) != 0) return "its directory '" + dir + "': " + std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return "'" + dir + "' is not a directory";
  // The real test: create (exclusively) and remove a file where the output
  // will be created.
  AtomicFile probe(path);
  if (!probe.ok()) return "cannot create files in '" + dir + "': " + probe.error();
  return "";
}

std::string check_output_dir(const std::string& path) {
  if (path.empty()) return "no directory name";
  std::error_code ec;
  fs::create_directories(path, ec);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return ec ? ec.message() : std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return "it is not a directory";
  AtomicFile probe((fs::path(path) / "probe").string());
  if (!probe.ok()) return "cannot create files in it: " + probe.error();
  return "";
}

}  // namespace simtrinity::util
