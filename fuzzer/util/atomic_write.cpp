#include "fuzzer/util/atomic_write.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace simtrinity::util {

namespace {
// The temporary name of `path`: hidden, in the same directory (so rename()
// stays on one filesystem), unique per process.
std::string temp_name(const std::string& path) {
  fs::path p(path);
  return (p.parent_path() / ("." + p.filename().string() + ".tmp." + std::to_string(::getpid()))).string();
}
}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), tmp_(temp_name(path_)) {
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!out_) error_ = std::strerror(errno);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(tmp_.c_str());
  }
}

bool AtomicFile::commit() {
  out_.flush();
  const bool written = out_.good();
  out_.close();
  if (!written) {
    if (error_.empty()) error_ = "write failed";
    return false;
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    error_ = std::strerror(errno);
    return false;
  }
  committed_ = true;
  return true;
}

bool write_file_atomic(const std::string& path, const std::string& content, std::string& error) {
  AtomicFile f(path);
  f.stream() << content;
  if (f.commit()) return true;
  error = f.error();
  return false;
}

AtomicDir::AtomicDir(std::string path) : path_(std::move(path)), tmp_(temp_name(path_)) {
  std::error_code ec;
  fs::remove_all(tmp_, ec);
  fs::create_directories(tmp_, ec);
  if (ec) error_ = ec.message();
}

AtomicDir::~AtomicDir() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }
}

bool AtomicDir::put(const std::string& name, const std::string& content) {
  if (!error_.empty()) return false;
  std::ofstream os(fs::path(tmp_) / name, std::ios::binary);
  os << content;
  os.flush();
  if (!os) error_ = "cannot write " + name;
  return error_.empty();
}

bool AtomicDir::commit() {
  if (!error_.empty()) return false;
  std::error_code ec;
  fs::remove_all(path_, ec);
  fs::rename(tmp_, path_, ec);
  if (ec) {
    error_ = ec.message();
    return false;
  }
  committed_ = true;
  return true;
}

}  // namespace simtrinity::util
