#include "fuzzer/util/atomic_write.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace simtrinity::util {

namespace {

std::string errno_text(int e) { return std::strerror(e); }

// A fresh unpredictable name beside `path`: ".NAME.tmp.XXXXXXXXXXXX", hidden,
// in the same directory (so rename() stays on one filesystem). The suffix
// comes from getrandom(), as glibc's mkstemp draws its own: these names only
// have to be hard to guess and never collide, and no output depends on them.
std::string temp_name(const std::string& path, const char* what = "tmp") {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::array<unsigned char, 12> rnd{};
  if (getrandom(rnd.data(), rnd.size(), 0) != static_cast<ssize_t>(rnd.size())) {
    // No entropy source: the exclusive create below still refuses anything
    // already there; the name is then only unique, not unpredictable.
    static unsigned long counter = 0;
    unsigned long v = (static_cast<unsigned long>(::getpid()) << 20) ^ ++counter;
    for (auto& c : rnd) c = static_cast<unsigned char>(v >>= 3);
  }
  std::string suffix;
  for (unsigned char c : rnd) suffix += kAlphabet[c % (sizeof(kAlphabet) - 1)];
  fs::path p(path);
  // NAME_MAX is 255: a long destination name is cut, the suffix never is.
  std::string name = p.filename().string().substr(0, 200);
  return (p.parent_path() / ("." + name + "." + what + "." + suffix)).string();
}

// Calls `create(name)` on fresh temporary names until one is created
// (create returns -1 with errno EEXIST to ask for another); the name made,
// or "" with errno set.
template <typename Create>
std::string create_exclusive(const std::string& path, Create create) {
  for (int attempt = 0; attempt < 100; attempt++) {
    std::string t = temp_name(path);
    if (create(t) >= 0) return t;
    if (errno != EEXIST) return "";
  }
  errno = EEXIST;
  return "";
}

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = EIO;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

// What a rename changed in a directory reaches the disk with the directory.
// Best effort: some filesystems refuse fsync on a directory, and the
// rename itself has already happened.
void sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// A stream buffer over a file descriptor that remembers the first failed
// write's errno (a full disk, an I/O error) instead of losing it.
class FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    if (error_) return false;
    const size_t n = static_cast<size_t>(pptr() - pbase());
    if (n && !write_all(fd_, pbase(), n)) {
      error_ = errno;
      return false;
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return true;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buf_;
};

}  // namespace

std::string parent_dir(const std::string& path) {
  fs::path p(path);
  return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), out_(nullptr) {
  tmp_ = create_exclusive(path_, [this](const std::string& t) {
    fd_ = ::open(t.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    return fd_;
  });
  if (tmp_.empty()) {
    error_ = errno_text(errno);
    out_.setstate(std::ios::badbit);
    return;
  }
  buf_ = std::make_unique<FdBuf>(fd_);
  out_.rdbuf(buf_.get());
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
  tmp_.clear();
}

bool AtomicFile::commit() {
  if (committed_) return true;
  if (error_.empty()) {
    out_.flush();
    if (!out_.good()) {
      int e = buf_ ? static_cast<FdBuf*>(buf_.get())->error() : 0;
      error_ = e ? errno_text(e) : "write failed";
    }
  }
  if (error_.empty() && ::fsync(fd_) != 0 && errno != EINVAL) error_ = errno_text(errno);
  if (error_.empty()) {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) error_ = errno_text(errno);  // NFS reports a failed write here
  }
  if (error_.empty() && ::rename(tmp_.c_str(), path_.c_str()) != 0) error_ = errno_text(errno);
  if (!error_.empty()) {
    discard();
    return false;
  }
  tmp_.clear();
  committed_ = true;
  sync_dir(parent_dir(path_));
  return true;
}

bool write_file_atomic(const std::string& path, const std::string& content, std::string& error) {
  AtomicFile f(path);
  f.stream() << content;
  if (f.commit()) return true;
  error = f.error();
  return false;
}

AtomicDir::AtomicDir(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  fs::create_directories(parent_dir(path_), ec);  // --out may not exist yet; mkdir below says why if it cannot
  tmp_ = create_exclusive(path_, [](const std::string& t) { return ::mkdir(t.c_str(), 0777); });
  if (tmp_.empty()) {
    error_ = errno_text(errno);
    return;
  }
  dirfd_ = ::open(tmp_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dirfd_ < 0) error_ = errno_text(errno);
}

AtomicDir::~AtomicDir() {
  if (dirfd_ >= 0) ::close(dirfd_);
  if (!committed_ && !tmp_.empty()) {
    std::error_code ec;
    fs::remove_all(tmp_, ec);  // never follows a symlink inside
  }
}

bool AtomicDir::put(const std::string& name, const std::string& content) {
  if (!error_.empty()) return false;
  // Inside a folder only we created: O_NOFOLLOW still refuses a link there.
  int fd = ::openat(dirfd_, name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    error_ = "cannot write " + name + ": " + errno_text(errno);
    return false;
  }
  bool ok = write_all(fd, content.data(), content.size()) && (::fsync(fd) == 0 || errno == EINVAL);
  int e = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (!ok) error_ = "cannot write " + name + ": " + errno_text(e);
  return ok;
}

bool AtomicDir::commit() {
  if (!error_.empty()) return false;
  if (::fsync(dirfd_) != 0 && errno != EINVAL) {
    error_ = errno_text(errno);
    return false;
  }
  ::close(dirfd_);
  dirfd_ = -1;
  struct stat st;
  std::string old;  // where the earlier folder is once the new one is in place
  if (::lstat(path_.c_str(), &st) != 0) {
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
      error_ = errno_text(errno);
      return false;
    }
  } else if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) == 0) {
    old = tmp_;  // swapped: the earlier folder now has the temporary name
  } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
    // A filesystem without RENAME_EXCHANGE: move the earlier folder aside
    // (whole, under a hidden name), move the new one in, then remove it.
    old = temp_name(path_, "old");
    if (::rename(path_.c_str(), old.c_str()) != 0) {
      error_ = errno_text(errno);
      return false;
    }
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
      error_ = errno_text(errno);
      ::rename(old.c_str(), path_.c_str());
      return false;
    }
  } else {
    error_ = errno_text(errno);
    return false;
  }
  committed_ = true;
  sync_dir(parent_dir(path_));
  if (!old.empty()) {
    std::error_code ec;
    fs::remove_all(old, ec);
  }
  return true;
}

}  // namespace simtrinity::util
