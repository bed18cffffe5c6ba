// Output files appear whole or not at all: written to "<path>.tmp.<pid>" and
// renamed over <path> on commit(), so a reader or a crashed run never sees half a file.
#pragma once
#include <fstream>
#include <string>

namespace simtrinity::triage {

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

}  // namespace simtrinity::triage
