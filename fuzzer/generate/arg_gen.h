// Argument generation, Trinity-style: pathnames from the file list with
// mangling, new names under its directories, or either from the run's name
// pool (syzkaller's tiny name space), fds from the child's pool, flag sets as random
// subsets of each flag list.
#pragma once
#include <string>
#include <vector>

#include "fuzzer/generate/file_list.h"
#include "fuzzer/generate/name_pool.h"
#include "fuzzer/generate/rand.h"
#include "fuzzer/syscalls/call.h"

namespace simtrinity {

// The fds a child holds: what it opened before, plus some opened at start.
class FdPool {
 public:
  void add(int fd);
  void remove(int fd);
  bool empty() const { return fds_.empty(); }
  size_t size() const { return fds_.size(); }
  int pick(Rand& r) const { return fds_[r.below(fds_.size())]; }
  int oldest() const { return fds_.front(); }
  const std::vector<int>& fds() const { return fds_; }

 private:
  std::vector<int> fds_;
};

class ArgGen {
 public:
  // `reuse`: percent of path arguments drawn from `names` (its names or fresh
  // ones) instead of the file list.
  ArgGen(Rand& rng, const FileList& files, const NamePool& names, unsigned reuse, FdPool& fds)
      : r_(rng), files_(files), names_(names), reuse_(reuse), fds_(fds) {}

  // Fills `c` (whose entry is set) with fresh arguments.
  void generate(Call& c);

  void pathname(std::string& out);
  void newpath(std::string& out);
  long fd();
  long dirfd();
  long mode();
  unsigned long flag_subset(const std::vector<NamedValue>& v);
  void mangle(std::string& p);

 private:
  void random_name(std::string& out);
  void garbage(std::string& out, size_t n);
  bool reuse_name() { return reuse_ && r_.chance(reuse_, 100); }

  Rand& r_;
  const FileList& files_;
  const NamePool& names_;
  unsigned reuse_;
  FdPool& fds_;
};

}  // namespace simtrinity
