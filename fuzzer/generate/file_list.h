// Trinity's file list: built at the start of a run by walking the simulated
// tree (/proc, /dev, /tmp, the victim directory) with getdents64 + lstat, from
// a task of the run. Symlinks are listed, not followed.
#pragma once
#include <string>
#include <vector>

namespace sk {
class Kernel;
}

namespace simtrinity {

struct FileList {
  std::vector<std::string> files;  // everything found, walk order
  std::vector<std::string> dirs;   // the directories among them
};

struct WalkOptions {
  std::vector<std::string> roots = {"/proc", "/dev", "/tmp", "/victim"};
  int max_depth = 6;
  size_t max_entries = 4096;
};

// Call from a task body (uses the kernel's syscalls).
FileList walk_tree(sk::Kernel& k, const WalkOptions& o);

}  // namespace simtrinity
