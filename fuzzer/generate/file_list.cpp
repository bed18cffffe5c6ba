#include "fuzzer/generate/file_list.h"

#include <cstring>
#include <vector>

#include "simkernel/kernel.h"

namespace simtrinity {

namespace {

void walk(sk::Kernel& k, const std::string& dir, int depth, const WalkOptions& o, FileList& out) {
  if (depth > o.max_depth || out.files.size() >= o.max_entries) return;
  long fd = k.sys_open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  std::vector<std::pair<std::string, unsigned char>> entries;
  alignas(8) char buf[4096];
  for (;;) {
    long n = k.sys_getdents64(static_cast<int>(fd), buf, sizeof buf);
    if (n <= 0) break;
    for (long off = 0; off < n;) {
      auto* d = reinterpret_cast<sk::linux_dirent64*>(buf + off);
      if (d->d_reclen == 0) break;
      std::string name = d->d_name;
      if (name != "." && name != "..") entries.emplace_back(std::move(name), d->d_type);
      off += d->d_reclen;
    }
  }
  k.sys_close(static_cast<int>(fd));
  for (const auto& [name, type] : entries) {
    if (out.files.size() >= o.max_entries) return;
    std::string p = dir == "/" ? "/" + name : dir + "/" + name;
    out.files.push_back(p);
    bool is_dir = type == DT_DIR;
    if (type == DT_UNKNOWN) {
      sk::kstat st{};
      is_dir = k.sys_lstat(p.c_str(), &st) == 0 && S_ISDIR(st.mode);
    }
    if (is_dir) {
      out.dirs.push_back(p);
      walk(k, p, depth + 1, o, out);
    }
  }
}

}  // namespace

FileList walk_tree(sk::Kernel& k, const WalkOptions& o) {
  FileList out;
  for (const auto& r : o.roots) {
    sk::kstat st{};
    if (k.sys_lstat(r.c_str(), &st) != 0) continue;
    out.files.push_back(r);
    if (S_ISDIR(st.mode)) {
      out.dirs.push_back(r);
      walk(k, r, 1, o, out);
    }
  }
  return out;
}

}  // namespace simtrinity
