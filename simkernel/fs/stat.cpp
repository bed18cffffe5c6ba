// stat(2), lstat(2), fstat(2), readlink(2) (fs/stat.c).
#include <cstring>

#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {

// 3.9's vfs_getattr(): the inode's ->getattr if it has one.
void vfs_getattr(dentry* d, kstat* st) {
  inode* i = d->d_inode;
  if (i->i_op && i->i_op->getattr)
    i->i_op->getattr(d, st);
  else
    generic_fillattr(i, st);
}

long vfs_fstatat(int dfd, const char* filename, kstat* st, bool follow) {
  KFRAME(vfs_fstatat);
  if (!st) return -EFAULT;
  path p;
  int err = user_path_at(dfd, filename, follow ? LOOKUP_FOLLOW : 0, &p);
  if (err) return err;
  vfs_getattr(p.dent, st);
  return 0;
}

long do_readlinkat(int dfd, const char* pathname, char* buf, int bufsiz) {
  if (bufsiz <= 0) return -EINVAL;
  path p;
  int err = user_path_at(dfd, pathname, LOOKUP_EMPTY, &p);
  if (err) return err;
  inode* i = p.dent->d_inode;
  // "" names the dfd: not a link there is ENOENT, elsewhere EINVAL.
  if (!i->i_op || !i->i_op->readlink) return pathname && !*pathname ? -ENOENT : -EINVAL;
  if (!buf) return -EFAULT;
  return i->i_op->readlink(p.dent, buf, bufsiz);
}

}  // namespace

long Kernel::sys_stat(const char* path, kstat* st) {
  SYSCALL_ENTER(newstat);
  return syscall_exit(*this, vfs_fstatat(AT_FDCWD, path, st, true));
}

long Kernel::sys_lstat(const char* path, kstat* st) {
  SYSCALL_ENTER(newlstat);
  return syscall_exit(*this, vfs_fstatat(AT_FDCWD, path, st, false));
}

long Kernel::sys_fstat(int fd, kstat* st) {
  SYSCALL_ENTER(newfstat);
  KFRAME(vfs_fstat);
  fd_ref ref(fd);
  file* f = ref.ptr;
  long r = 0;
  if (!f)
    r = -EBADF;
  else if (!st)
    r = -EFAULT;
  else
    vfs_getattr(f->f_path.dent, st);
  return syscall_exit(*this, r);
}

long Kernel::sys_readlinkat(int dfd, const char* path, char* buf, int bufsiz) {
  SYSCALL_ENTER(readlinkat);
  return syscall_exit(*this, do_readlinkat(dfd, path, buf, bufsiz));
}

long Kernel::sys_readlink(const char* path, char* buf, int bufsiz) {
  SYSCALL_ENTER(readlink);
  KFRAME(sys_readlinkat);
  return syscall_exit(*this, do_readlinkat(AT_FDCWD, path, buf, bufsiz));
}

// The common ->readlink of symlinks whose target is text.
int generic_readlink_text(const std::string& target, char* buf, int buflen) {
  int n = static_cast<int>(target.size());
  if (n > buflen) n = buflen;
  std::memcpy(buf, target.data(), n);
  return n;
}

}  // namespace sk
