// The names a run's calls used. Trinity picks paths from the tree it walked
// at start; syzkaller draws nearly every file name from the few names the
// program used before, and makes a fresh one ("file0", "file1", ... under
// "." or under such a name) only now and then (google/syzkaller
// prog/rand.go filenameImpl and prog/analysis.go, which records every
// filename argument; read at 1e72964b0111). That tiny name space is what
// makes calls meet on the same objects: a same-directory rename, an rmdir
// and a cross-directory rename around one pair of sibling directories, a
// rename between two /proc/PID/net directories.
//
// The pool is that name space for one run, shared by its children (one
// kernel, one thread): the absolute path arguments of the calls that
// succeeded (so names that exist, or did), and fresh names under the run's
// root (the victim directory, our ".") or under a pool name.
// `run --name-reuse PERCENT` says how many path arguments come from it
// instead of from the walked file list.
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace simtrinity {

class Rand;

class NamePool {
 public:
  // Past this many names the oldest is forgotten (a ring: no draws, so the
  // libFuzzer input of a campaign's calls makes the same calls). About what
  // one syzkaller program holds. 6.5 campaigns (--name-reuse 90 -C 8, mkdir,
  // rename and rmdir, 1M syscalls; a pool of created names only) found the
  // directory-locking deadlock on 1 of 6 seeds with 8 names, 0 of 6 with 12
  // and 16, 0 of 4 with 4; with this pool, 2 of seeds 1..20 in 2M.
  static constexpr size_t kCapacity = 8;
  // Percent of path arguments drawn from the pool (run --name-reuse). Off by
  // default, so campaigns and libFuzzer inputs keep the calls they had; on
  // 3.8 (seeds 1..20, median syscalls to the deadlock) 25 is faster than 0
  // (723.5 vs 1,039), 50 and 90 slower (2,501.5 and 8,729): most 3.8 names are /proc
  // entries of the walk, and the pool holds only what succeeded.
  static constexpr unsigned kDefaultReuse = 0;

  explicit NamePool(std::string root = {}) : root_(std::move(root)) {}

  // Only absolute paths: a relative one depends on the cwd or a dirfd.
  void add(const std::string& path);
  bool empty() const { return names_.empty(); }
  size_t size() const { return names_.size(); }
  const std::string& at(size_t i) const { return names_[i]; }
  bool contains(const std::string& path) const;

  // syzkaller's filenameImpl: one time in ten (always while the pool is
  // empty) a fresh name, else a name of the pool.
  void draw(Rand& r, std::string& out) const;

 private:
  // "DIR/fileN" with the lowest N the pool does not hold, DIR the root or,
  // half the time, a pool name (with "/.." one time in ten).
  void fresh(Rand& r, std::string& out) const;

  std::string root_;
  std::vector<std::string> names_;
  size_t next_ = 0;  // the slot the next name overwrites once full
};

}  // namespace simtrinity
