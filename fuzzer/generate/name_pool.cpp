#include "fuzzer/generate/name_pool.h"

#include <algorithm>

#include "fuzzer/generate/rand.h"

namespace simtrinity {

void NamePool::add(const std::string& path) {
  if (path.empty() || path[0] != '/') return;
  if (contains(path)) return;
  if (names_.size() < kCapacity) {
    names_.push_back(path);
    return;
  }
  names_[next_] = path;
  next_ = (next_ + 1) % kCapacity;
}

bool NamePool::contains(const std::string& path) const {
  return std::find(names_.begin(), names_.end(), path) != names_.end();
}

void NamePool::draw(Rand& r, std::string& out) const {
  if (names_.empty() || r.chance(1, 10)) {
    fresh(r, out);
    return;
  }
  out = names_[r.below(names_.size())];
}

void NamePool::fresh(Rand& r, std::string& out) const {
  std::string dir = root_;
  if (!names_.empty() && r.chance(1, 2)) {
    dir = names_[r.below(names_.size())];
    if (r.chance(1, 10)) dir += "/..";
  }
  for (unsigned i = 0;; i++) {
    out = dir + "/file" + std::to_string(i);
    if (!contains(out)) return;
  }
}

}  // namespace simtrinity
