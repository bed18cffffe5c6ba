#include "fuzzer/util/input_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace simtrinity::util {

std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<std::string>& errors) {
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == kStdin) {
      files.push_back(a);
      continue;
    }
    std::error_code ec;
    const auto st = fs::status(a, ec);
    if (ec || !fs::exists(st)) {
      errors.push_back("cannot read " + a + ": no such file or directory");
      continue;
    }
    if (!fs::is_directory(st)) {
      files.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    if (ec) errors.push_back("cannot read directory " + a + ": " + ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ostringstream ss;
  if (path == kStdin) {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream is(path, std::ios::binary);
    if (!is) {
      error = "cannot read " + path + ": " + std::strerror(errno);
      return false;
    }
    ss << is.rdbuf();
    if (is.bad()) {
      error = "cannot read " + path + ": read error";
      return false;
    }
  }
  out = ss.str();
  return true;
}

}  // namespace simtrinity::util
