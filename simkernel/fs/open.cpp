// open(2), creat(2), close(2), chdir(2), fchdir(2) (fs/open.c, do_last()).
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {

constexpr int VALID_OPEN_FLAGS = O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK |
                                 O_DSYNC | O_ASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW |
                                 O_NOATIME | O_CLOEXEC | O_SYNC | O_PATH;

int may_open(const path& p, int flags) {
  inode* i = p.dent->d_inode;
  bool wants_write = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);
  if (S_ISDIR_(i->i_mode) && wants_write) return -EISDIR;
  if (S_ISLNK_(i->i_mode)) return -ELOOP;
  return 0;
}

// The last component of an O_CREAT open: parent i_mutex held around the
// lookup and the create, sb_writers outside it.
int open_create(nameidata* nd, int flags, umode_t mode, path* out, bool* created, bool* must_follow) {
  KFRAME(do_last);
  if (nd->last_type != LAST_NORM) return -EISDIR;
  if (nd->trailing_slash) return -EISDIR;
  int want = mnt_want_write(nd->p.mnt);
  inode* dir = nd->p.dent->d_inode;
  mutex_lock(&dir->i_mutex);
  nd->flags = LOOKUP_OPEN | LOOKUP_CREATE | ((flags & O_EXCL) ? LOOKUP_EXCL : 0);
  dentry* d = lookup_hash(nd);
  int err = 0;
  if (IS_ERR(d)) {
    err = static_cast<int>(PTR_ERR(d));
  } else if (!d->d_inode) {
    // lookup_open(): the umask comes off here, as no filesystem here has ACLs.
    err = want ? want : vfs_create(dir, d, mode & ~current_umask(), flags & O_EXCL);
    *created = !err;
    if (!err) *out = path{nd->p.mnt, d};
  } else if (flags & O_EXCL) {
    err = -EEXIST;
  } else {
    *out = path{nd->p.mnt, d};
    follow_mount(out);
  }
  if (!IS_ERR(d)) dput(d);
  mutex_unlock(&dir->i_mutex);
  if (!want) mnt_drop_write(nd->p.mnt);
  if (err || *created) return err;
  // An existing symlink is followed (the caller walks again) unless O_NOFOLLOW.
  if (S_ISLNK_(out->dent->d_inode->i_mode)) {
    if (flags & O_NOFOLLOW) return -ELOOP;
    *must_follow = true;
  }
  return 0;
}

long do_sys_open(int dfd, const char* filename, int flags, umode_t mode) {
  KFRAME(do_sys_open);
  std::string_view name;
  int err = getname(filename, &name);
  if (err) return err;
  if (flags & ~VALID_OPEN_FLAGS) flags &= VALID_OPEN_FLAGS;  // Linux ignores unknown flags
  // build_open_flags(): "O_PATH only permits certain other flags to be set;
  // the rest are stripped" (O_CREAT, O_TRUNC, the access mode...).
  if (flags & O_PATH) flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
  int fd = get_unused_fd();
  if (fd < 0) return fd;
  Kernel& k = *current_task()->kernel;
  path p;
  bool created = false;
  {
    KFRAME(do_filp_open);
    KFRAME(path_openat);
    nameidata nd;
    if (flags & O_CREAT) {
      // do_last() on the last component; an existing symlink there is
      // followed and its body's last component done the same way, so
      // O_CREAT through a dangling link creates the link's target.
      err = path_lookupat(dfd, name, LOOKUP_PARENT, &nd);
      std::string body;
      while (!err) {
        if (nd.last_type == LAST_BIND) {  // a procfs link jumped to its object
          p = nd.p;
          break;
        }
        bool must_follow = false;
        err = open_create(&nd, flags, mode, &p, &created, &must_follow);
        if (err || !must_follow) break;
        path link = p;
        err = follow_last_link(&nd, link, &body);
      }
    } else {
      unsigned lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
      if (flags & O_DIRECTORY) lf |= LOOKUP_DIRECTORY;
      err = path_lookupat(dfd, name, lf, &nd);
      p = nd.p;
      if (!err && (flags & O_NOFOLLOW) && S_ISLNK_(p.dent->d_inode->i_mode) && !(flags & O_PATH)) err = -ELOOP;
    }
  }
  if (err) return err;
  inode* i = p.dent->d_inode;
  // finish_open: O_CREAT on an existing directory (or a link to one) is
  // -EISDIR whatever the access mode.
  if ((flags & O_CREAT) && !created && S_ISDIR_(i->i_mode)) return -EISDIR;
  // A file O_CREAT|O_DIRECTORY just created is opened, as before 5.7 (see
  // tests/diff/cases/open/ for what later kernels do).
  if ((flags & O_DIRECTORY) && !S_ISDIR_(i->i_mode) && !created) return -ENOTDIR;
  if (!(flags & O_PATH)) {
    if (!created) err = may_open(p, flags);
    if (err) return err;
  }
  file* f = alloc_file(k, p, static_cast<unsigned>(flags));
  if (flags & O_PATH) {
    f->f_mode = 0;
    f->f_op = nullptr;
  } else {
    KFRAME(vfs_open);
    KFRAME(do_dentry_open);
    // __get_file_write_access(): a file open for writing holds a write on
    // its mount until the last fput(); a read-only mount or sb says EROFS
    // (3.9: inode_permission() for the sb, __mnt_want_write() for the mount).
    bool write_access = (f->f_mode & FMODE_WRITE) && !special_file(i->i_mode);
    if (write_access && (err = __mnt_want_write(p.mnt))) {
      put_filp(f);
      return err;
    }
    // do_last()'s will_truncate: O_TRUNC on a regular file truncates it
    // whatever the access mode (O_RDONLY|O_TRUNC too: may_open() asked for
    // write permission).
    if ((flags & O_TRUNC) && S_ISREG_(i->i_mode) && !created) {
      err = mnt_want_write(p.mnt);
      if (err) {
        if (write_access) __mnt_drop_write(p.mnt);
        put_filp(f);
        return err;
      }
      mutex_lock(&i->i_mutex);
      i->i_data.clear();
      i->i_size = 0;
      mutex_unlock(&i->i_mutex);
      mnt_drop_write(p.mnt);
    }
    if (f->f_op && f->f_op->open) err = f->f_op->open(i, f);
    if (err) {
      if (write_access) __mnt_drop_write(p.mnt);
      put_filp(f);
      return err;
    }
  }
  fd_install(fd, f);
  return fd;
}

}  // namespace

long Kernel::sys_open(const char* path, int flags, umode_t mode) {
  SYSCALL_ENTER(open);
  return syscall_exit(*this, do_sys_open(AT_FDCWD, path, flags, mode));
}

long Kernel::sys_openat(int dfd, const char* path, int flags, umode_t mode) {
  SYSCALL_ENTER(openat);
  return syscall_exit(*this, do_sys_open(dfd, path, flags, mode));
}

long Kernel::sys_creat(const char* path, umode_t mode) {
  SYSCALL_ENTER(creat);
  return syscall_exit(*this, do_sys_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode));
}

long Kernel::sys_close(int fd) {
  SYSCALL_ENTER(close);
  return syscall_exit(*this, close_fd(current_task()->files, fd));
}

long Kernel::sys_chdir(const char* filename) {
  SYSCALL_ENTER(chdir);
  path p;
  long err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
  if (!err) current_task()->fs->pwd = p;
  return syscall_exit(*this, err);
}

long Kernel::sys_fchdir(int fd) {
  SYSCALL_ENTER(fchdir);
  fd_ref ref(fd);
  file* f = ref.ptr;
  long err = 0;
  if (!f)
    err = -EBADF;
  else if (!S_ISDIR_(f->f_inode->i_mode))
    err = -ENOTDIR;
  else
    current_task()->fs->pwd = f->f_path;
  return syscall_exit(*this, err);
}

}  // namespace sk
