#include "fuzzer/generate/arg_gen.h"

#include <algorithm>
#include <array>

#include "simkernel/uapi.h"

namespace simtrinity {

void FdPool::add(int fd) {
  if (std::find(fds_.begin(), fds_.end(), fd) == fds_.end()) fds_.push_back(fd);
}

void FdPool::remove(int fd) {
  auto it = std::find(fds_.begin(), fds_.end(), fd);
  if (it != fds_.end()) fds_.erase(it);
}

namespace {
constexpr const char* kNames[] = {"x", "y", "z", "a", "b", "trinity-testfile1", "trinity-testfile2",
                                  "arp_cache", "rt_cache", "stat", "net", "..", ".", "1"};
constexpr long kModes[] = {0644, 0755, 0600, 0777, 0, 0444, 01777, 04755};
constexpr long kLens[] = {0, 1, 8, 64, 256, 4096};
}  // namespace

void ArgGen::random_name(std::string& out) {
  if (r_.chance(1, 8)) {
    out += "trinity-";
    out += static_cast<char>('a' + r_.below(26));
    out += std::to_string(r_.below(100));
  } else {
    out += kNames[r_.below(std::size(kNames))];
  }
}

// Appends characters up to `n`: about one in 32 a '/', the rest letters.
// One draw seeds the string; splitmix64 expands it eight characters per
// step, so a 4 KiB path costs one choice of the source, not 8,000.
// Each byte of a step picks its character from a table (a 4 KiB path is
// 4,096 of them): the byte b gives '/' below 8, else 'a' + b % 26.
namespace {
constexpr auto kGarbageChar = [] {
  std::array<char, 256> t{};
  for (unsigned b = 0; b < 256; b++) t[b] = b < 8 ? '/' : static_cast<char>('a' + b % 26);
  return t;
}();
}  // namespace

void ArgGen::garbage(std::string& out, size_t n) {
  uint64_t state = r_.below(uint64_t{1} << 32);
  size_t at = out.size();
  if (n <= at) return;
  out.resize(n);
  char* p = out.data();
  while (at < n) {
    uint64_t w = sk::splitmix64(state);
    for (int i = 0; i < 8 && at < n; i++, w >>= 8) p[at++] = kGarbageChar[w & 0xff];
  }
}

void ArgGen::mangle(std::string& p) {
  switch (r_.below(5)) {
    case 0:  // "./" prefix: relative to the cwd
      p.insert(0, p[0] == '/' ? "." : "./");
      break;
    case 1:  // trailing slash
      p += "/";
      break;
    case 2: {  // a ".." detour: /a/b/c -> /a/b/../b/c
      auto slash = p.rfind('/');
      if (slash != std::string::npos && slash > 0) {
        auto prev = p.rfind('/', slash - 1);
        if (prev != std::string::npos) {
          std::string comp = p.substr(prev + 1, slash - prev - 1);
          p.insert(slash, "/../" + comp);
        }
      }
      break;
    }
    case 3: {  // doubled slashes
      auto slash = p.find('/', 1);
      if (slash != std::string::npos) p.insert(slash, "/");
      break;
    }
    default:  // a new random name under the path
      p += "/";
      random_name(p);
      break;
  }
}

void ArgGen::pathname(std::string& out) {
  out.clear();
  if (r_.literal(out)) return;
  if (files_.files.empty() || r_.chance(1, 16)) {
    random_name(out);
    return;
  }
  if (r_.chance(1, 128)) {  // Trinity's garbage: a name past NAME_MAX or a path past PATH_MAX
    out = files_.dirs.empty() ? std::string("/tmp") : files_.dirs[r_.below(files_.dirs.size())];
    out += "/";
    size_t n = r_.chance(1, 2) ? NAME_MAX + 1 + r_.below(16) : PATH_MAX + r_.below(64);
    garbage(out, n);
    return;
  }
  if (reuse_name()) {
    names_.draw(r_, out);
    return;
  }
  out = files_.files[r_.below(files_.files.size())];
  if (r_.chance(1, 4)) mangle(out);
}

void ArgGen::newpath(std::string& out) {
  out.clear();
  if (r_.literal(out)) return;
  if (reuse_name()) {
    names_.draw(r_, out);
    return;
  }
  if (!files_.dirs.empty() && r_.chance(1, 2)) {
    out = files_.dirs[r_.below(files_.dirs.size())];
    out += "/";
    random_name(out);
    return;
  }
  pathname(out);
}

long ArgGen::fd() {
  if (!fds_.empty() && !r_.chance(1, 16)) return fds_.pick(r_);
  return static_cast<long>(r_.below(24)) - 1;
}

long ArgGen::dirfd() {
  if (fds_.empty() || r_.chance(1, 3)) return AT_FDCWD;
  return fd();
}

long ArgGen::mode() {
  if (r_.chance(1, 8)) return static_cast<long>(r_.below(010000));
  return kModes[r_.below(std::size(kModes))];
}

unsigned long ArgGen::flag_subset(const std::vector<NamedValue>& v) {
  unsigned long f = 0;
  if (v.empty()) return 0;
  // Trinity: usually a few flags, sometimes none.
  unsigned n = static_cast<unsigned>(r_.below(std::min<size_t>(v.size(), 3) + 1));
  for (unsigned i = 0; i < n; i++) f |= v[r_.below(v.size())].value;
  return f;
}

void ArgGen::generate(Call& c) {
  const auto& args = c.e->args;
  for (size_t i = 0; i < args.size(); i++) {
    const ArgDesc& d = args[i];
    long& v = c.v[i];
    v = 0;
    switch (d.type) {
      case ArgType::pathname: pathname(c.s[i]); break;
      case ArgType::newpath: newpath(c.s[i]); break;
      case ArgType::fd: v = fd(); break;
      case ArgType::dirfd: v = dirfd(); break;
      case ArgType::mode: v = mode(); break;
      case ArgType::flags: v = static_cast<long>(flag_subset(d.values)); break;
      case ArgType::op: v = static_cast<long>(d.values[r_.below(d.values.size())].value); break;
      case ArgType::pid: v = static_cast<long>(r_.below(16)); break;
      case ArgType::len: v = kLens[r_.below(std::size(kLens))]; break;
      case ArgType::string: c.s[i] = d.strings[r_.below(d.strings.size())]; break;
      case ArgType::buf:
      case ArgType::clone_fn: break;
      case ArgType::undefined: v = static_cast<long>(r_.below(256)); break;
    }
  }
}

}  // namespace simtrinity
