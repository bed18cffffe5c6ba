// The names a run's calls created. Trinity keeps the fds its calls return
// and the paths it made so later calls hit objects that exist; this is the
// path side, shared by the children of one run (one kernel, one thread): a
// successful call's new-path arguments (mkdir, creat, rename's target, link,
// symlink ...) name something that exists now, so later calls pick them as
// paths and as parents of new names. That is how a campaign grows trees
// deeper than the file list walked at start (which under /tmp and the victim
// directory is empty) without knowing what it looks for.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace simtrinity {

class NamePool {
 public:
  // Past this many names the oldest is forgotten (a ring: no draws, so the
  // libFuzzer input of a campaign's calls makes the same calls).
  static constexpr size_t kCapacity = 64;
  // Percent of path arguments that reuse a pool name (run --name-reuse).
  // Off by default: on 3.8 the campaign stops after the run with its first
  // new finding (the dentry-alias warning at syscall 0), so the deadlock must
  // come within run 0's 50,000 calls, and 6% reuse already lost it there on
  // 2 of seeds 1..20 (median unchanged: 941 vs 908 calls).
  static constexpr unsigned kDefaultReuse = 0;

  // Only absolute paths: a relative one depends on the cwd or a dirfd.
  void add(const std::string& path);
  bool empty() const { return names_.empty(); }
  size_t size() const { return names_.size(); }
  const std::string& at(size_t i) const { return names_[i]; }

 private:
  std::vector<std::string> names_;
  size_t next_ = 0;  // the slot the next name overwrites once full
};

}  // namespace simtrinity
