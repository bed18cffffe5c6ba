#include "fuzzer/util/input_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace simtrinity::util {

namespace {

std::atomic<uint64_t> g_max_input_size{kDefaultMaxInputSize};

std::string too_large(const std::string& name) {
  const uint64_t m = max_input_size();
  const std::string size = m % (1 << 20) == 0 ? fmt::format("{} MiB", m >> 20) : fmt::format("{} bytes", m);
  return fmt::format("cannot read {}: larger than the input limit of {} (--max-input-size)", name, size);
}

}  // namespace

void set_max_input_size(uint64_t bytes) { g_max_input_size = bytes; }
uint64_t max_input_size() { return g_max_input_size.load(); }

bool parse_size(std::string_view t, uint64_t& bytes) {
  size_t digits = 0;
  uint64_t v = 0;
  for (; digits < t.size() && t[digits] >= '0' && t[digits] <= '9'; digits++)
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, static_cast<uint64_t>(t[digits] - '0'), &v))
      return false;
  if (digits == 0) return false;
  std::string unit;
  for (char c : t.substr(digits)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  unsigned shift = 0;
  if (!unit.empty() && unit.back() == 'b') unit.pop_back();
  if (unit.size() == 2 && unit.back() == 'i') unit.pop_back();  // KiB, MiB, GiB
  if (unit == "k") shift = 10;
  else if (unit == "m") shift = 20;
  else if (unit == "g") shift = 30;
  else if (!unit.empty()) return false;
  if (shift && v > (UINT64_MAX >> shift)) return false;
  bytes = v << shift;
  return bytes > 0;
}

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
      files.push_back(a);  // read_file() says why if it is no regular file
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

bool read_stream(std::istream& in, const std::string& name, std::string& out, std::string& error) {
  const uint64_t limit = max_input_size();
  out.clear();
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    out.append(buf, static_cast<size_t>(in.gcount()));
    if (out.size() > limit) {
      out.clear();
      error = too_large(name);
      return false;
    }
  }
  if (in.bad()) {
    error = "cannot read " + name + ": read error";
    return false;
  }
  return true;
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  if (path == kStdin) return read_stream(std::cin, "standard input", out, error);
  // O_NONBLOCK: opening a FIFO nobody writes to returns at once (and is
  // then refused below) instead of waiting for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "cannot read " + path + ": is a directory";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "cannot read " + path + ": not a regular file (to read a pipe, give - and redirect it to standard input)";
    return false;
  }
  const uint64_t limit = max_input_size();
  if (static_cast<uint64_t>(st.st_size) > limit) {
    error = too_large(path);
    return false;
  }
  // st_size is only a hint (a file still growing, /proc files of size 0):
  // read until end of file, one byte past the limit at most.
  out.clear();
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read " + path + ": " + std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > limit) {
      out.clear();
      error = too_large(path);
      return false;
    }
  }
  return true;
}

}  // namespace simtrinity::util
