// Outputs appear whole or not at all, and a run killed at any moment loses
// nothing it had already written: a file or a folder is created under an
// unpredictable name in its destination directory (exclusively, so a planted
// file or symlink is never followed or reused, as mkstemp/mkdtemp do),
// flushed to disk, and only then renamed over the old one. A folder that
// replaces an earlier one is swapped in atomically (renameat2
// RENAME_EXCHANGE), and the earlier one removed afterwards. Whatever fails
// leaves no temporary name behind. Every writer of the tool (findings,
// --json, --junit, --sarif, --html, minimize -o, triage's JSON and DOT
// files) goes through here.
//
// A SIGKILL cannot be cleaned up after: it may leave a hidden temporary
// (".NAME.tmp.XXXXXX") beside the destination, never a damaged destination.
#pragma once
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

namespace simtrinity::util {

// The directory `path` is in ("." for a bare name): where the temporary
// goes, and what output_paths checks before a run.
std::string parent_dir(const std::string& path);

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const { return error_.empty() && out_.good(); }
  std::ostream& stream() { return out_; }
  // Flushes, fsyncs and renames; false (with the reason in error()) if
  // anything failed, and then the temporary file is gone.
  bool commit();
  const std::string& error() const { return error_; }

 private:
  void discard();

  std::string path_, tmp_, error_;
  int fd_ = -1;
  std::unique_ptr<std::streambuf> buf_;
  std::ostream out_;
  bool committed_ = false;
};

// `content` to `path` through an AtomicFile; false with `error` set.
bool write_file_atomic(const std::string& path, const std::string& content, std::string& error);

// A folder filled under a temporary name beside `path` (whose parent is
// created if missing), then put in place of `path` (replacing an earlier
// one, which stays whole until then) by commit().
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
  int dirfd_ = -1;
  bool committed_ = false;
};

}  // namespace simtrinity::util
