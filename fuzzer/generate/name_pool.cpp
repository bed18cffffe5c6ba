#include "fuzzer/generate/name_pool.h"

#include <algorithm>

namespace simtrinity {

void NamePool::add(const std::string& path) {
  if (path.empty() || path[0] != '/') return;
  if (std::find(names_.begin(), names_.end(), path) != names_.end()) return;
  if (names_.size() < kCapacity) {
    names_.push_back(path);
    return;
  }
  names_[next_] = path;
  next_ = (next_ + 1) % kCapacity;
}

}  // namespace simtrinity
