// trinity-main: the parent of every run's children. It walks the simulated
// tree for the file list, forks one trinity-child<N> per body, then naps in
// one-second steps of virtual time until the children are done.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "fuzzer/child/child.h"
#include "fuzzer/generate/file_list.h"

namespace sk {
class Kernel;
}

namespace simtrinity {

struct ChildBody {
  int index;                  // N of trinity-child<N>
  std::function<void()> run;  // runs on the child's task
};

// Each child's fuzzing loop as a body; counts them in sh.live_children.
std::vector<ChildBody> child_loops(std::vector<std::unique_ptr<Child>>& children, RunShared& sh);

// The standard roots of the file list: /proc, /dev, /tmp and the victim.
std::vector<std::string> file_list_roots(const std::string& victim);

// Call from trinity-main's task. `files` is filled before any child runs.
// After each nap, `after_nap` may look at the children; returning false
// gives up the wait (the run is stopped).
void trinity_main(sk::Kernel& k, const std::vector<std::string>& roots, FileList* files,
                  std::vector<ChildBody> children, const std::function<bool()>& all_done,
                  const std::function<bool()>& after_nap = {});

}  // namespace simtrinity
