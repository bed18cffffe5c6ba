// Outputs appear whole or not at all: a file or a folder is written under a
// temporary name next to its destination and renamed over it once complete,
// so a reader (or a run that dies half-way) never sees half of one. Every
// writer of the tool (findings, --json, --junit, minimize -o, triage's JSON
// and DOT files) goes through here.
#pragma once
#include <fstream>
#include <string>

namespace simtrinity::util {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return out_.good(); }
  std::ostream& stream() { return out_; }
  // Flushes and renames; false (with the reason in error()) if anything failed.
  bool commit();
  const std::string& error() const { return error_; }

 private:
  std::string path_, tmp_, error_;
  std::ofstream out_;
  bool committed_ = false;
};

// `content` to `path` through an AtomicFile; false with `error` set.
bool write_file_atomic(const std::string& path, const std::string& content, std::string& error);

// A folder filled under a temporary name beside `path`, then put in place
// of `path` (replacing an earlier one) by commit().
class AtomicDir {
 public:
  explicit AtomicDir(std::string path);
  ~AtomicDir();  // removes the temporary folder unless committed
  AtomicDir(const AtomicDir&) = delete;
  AtomicDir& operator=(const AtomicDir&) = delete;

  // Writes `name` inside the folder; false (see error()) if it fails.
  bool put(const std::string& name, const std::string& content);
  bool commit();
  const std::string& error() const { return error_; }

 private:
  std::string path_, tmp_, error_;
  bool committed_ = false;
};

}  // namespace simtrinity::util
