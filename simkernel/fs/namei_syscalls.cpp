// The syscalls of fs/namei.c: mkdir, rmdir, unlink, symlink, link, rename.
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {

long do_mkdirat(int dfd, const char* pathname, umode_t mode) {
  path p;
  dentry* d = kern_path_create(dfd, pathname, &p, LOOKUP_DIRECTORY);
  if (IS_ERR(d)) return PTR_ERR(d);
  mode &= ~current_umask();  // 3.9: unless the filesystem does POSIX ACLs
  long err = vfs_mkdir(p.dent->d_inode, d, mode);
  done_path_create(&p, d);
  return err;
}

long do_rmdir(int dfd, const char* pathname) {
  KFRAME(do_rmdir);
  nameidata nd;
  int err = user_path_parent(dfd, pathname, &nd);
  if (err) return err;
  switch (nd.last_type) {
    case LAST_DOTDOT: return -ENOTEMPTY;
    case LAST_DOT: return -EINVAL;
    case LAST_ROOT: return -EBUSY;
  }
  nd.flags &= ~LOOKUP_PARENT;
  err = mnt_want_write(nd.p.mnt);
  if (err) return err;
  inode* dir = nd.p.dent->d_inode;
  mutex_lock_nested(&dir->i_mutex, I_MUTEX_PARENT);
  dentry* d = lookup_hash(&nd);
  if (IS_ERR(d))
    err = static_cast<int>(PTR_ERR(d));
  else if (!d->d_inode)
    err = -ENOENT;
  else
    err = vfs_rmdir(dir, d);
  if (!IS_ERR(d)) dput(d);
  mutex_unlock(&dir->i_mutex);
  mnt_drop_write(nd.p.mnt);
  return err;
}

long do_unlinkat(int dfd, const char* pathname) {
  KFRAME(do_unlinkat);
  nameidata nd;
  int err = user_path_parent(dfd, pathname, &nd);
  if (err) return err;
  if (nd.last_type != LAST_NORM) return -EISDIR;
  nd.flags &= ~LOOKUP_PARENT;
  err = mnt_want_write(nd.p.mnt);
  if (err) return err;
  inode* dir = nd.p.dent->d_inode;
  mutex_lock_nested(&dir->i_mutex, I_MUTEX_PARENT);
  dentry* d = lookup_hash(&nd);
  if (IS_ERR(d)) {
    err = static_cast<int>(PTR_ERR(d));
  } else if (nd.trailing_slash) {
    // "unlink foo/" : why-did-you-add-a-slash errors, as slashes: in 3.8.
    err = !d->d_inode ? -ENOENT : S_ISDIR_(d->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
  } else if (!d->d_inode) {
    err = -ENOENT;
  } else {
    err = vfs_unlink(dir, d);
  }
  if (!IS_ERR(d)) dput(d);
  mutex_unlock(&dir->i_mutex);
  mnt_drop_write(nd.p.mnt);
  return err;
}

long do_symlinkat(const char* oldname, int newdfd, const char* newname) {
  std::string_view target;
  int err = getname(oldname, &target);
  if (err) return err;
  path p;
  dentry* d = kern_path_create(newdfd, newname, &p, 0);
  if (IS_ERR(d)) return PTR_ERR(d);
  err = vfs_symlink(p.dent->d_inode, d, oldname);  // NUL-terminated: getname checked it
  done_path_create(&p, d);
  return err;
}

long do_linkat(int olddfd, const char* oldname, int newdfd, const char* newname, int flags) {
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  unsigned how = (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0;
  if (flags & AT_EMPTY_PATH) how |= LOOKUP_EMPTY;  // 3.9 asks for CAP_DAC_READ_SEARCH, which root has
  path old;
  int err = user_path_at(olddfd, oldname, how, &old);
  if (err) return err;
  path p;
  dentry* d = kern_path_create(newdfd, newname, &p, 0);
  if (IS_ERR(d)) return PTR_ERR(d);
  if (old.mnt != p.mnt)
    err = -EXDEV;
  else
    err = vfs_link(old.dent, p.dent->d_inode, d);
  done_path_create(&p, d);
  return err;
}

long do_renameat2(int olddfd, const char* oldname, int newdfd, const char* newname, unsigned flags) {
  if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return -EINVAL;
  if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)) return -EINVAL;
  if (flags & RENAME_WHITEOUT) return -EINVAL;  // no filesystem here does whiteouts
  nameidata oldnd, newnd;
  int err = user_path_parent(olddfd, oldname, &oldnd);
  if (err) return err;
  err = user_path_parent(newdfd, newname, &newnd);
  if (err) return err;
  if (oldnd.p.mnt != newnd.p.mnt) return -EXDEV;
  dentry* old_dir = oldnd.p.dent;
  dentry* new_dir = newnd.p.dent;
  if (oldnd.last_type != LAST_NORM || newnd.last_type != LAST_NORM) return -EBUSY;
  oldnd.flags &= ~LOOKUP_PARENT;
  newnd.flags &= ~LOOKUP_PARENT;
  newnd.flags |= LOOKUP_RENAME_TARGET;
  err = mnt_want_write(oldnd.p.mnt);
  if (err) return err;
  // As in 3.8's sys_renameat: the *new* parent is locked first.
  dentry* trap = lock_rename(new_dir, old_dir);
  if (IS_ERR(trap)) {  // 6.8: the parents have no common ancestor
    mnt_drop_write(oldnd.p.mnt);
    return PTR_ERR(trap);
  }
  dentry* old_d = lookup_hash(&oldnd);
  dentry* new_d = nullptr;
  if (IS_ERR(old_d)) {
    err = static_cast<int>(PTR_ERR(old_d));
  } else if (!old_d->d_inode) {
    err = -ENOENT;
  } else if (!S_ISDIR_(old_d->d_inode->i_mode) &&
             (oldnd.trailing_slash || (newnd.trailing_slash && !(flags & RENAME_EXCHANGE)))) {
    // A slash after a non-directory's name; for an exchange the new name's
    // slash is checked against what the new name is.
    err = -ENOTDIR;
  } else if (old_d == trap) {
    err = -EINVAL;
  } else {
    new_d = lookup_hash(&newnd);
    if (IS_ERR(new_d))
      err = static_cast<int>(PTR_ERR(new_d));
    else if ((flags & RENAME_NOREPLACE) && new_d->d_inode)
      err = -EEXIST;
    else if ((flags & RENAME_EXCHANGE) && !new_d->d_inode)
      err = -ENOENT;
    else if ((flags & RENAME_EXCHANGE) && !S_ISDIR_(new_d->d_inode->i_mode) && newnd.trailing_slash)
      err = -ENOTDIR;
    else if (new_d == trap)
      err = (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
    else
      err = vfs_rename(old_dir->d_inode, old_d, new_dir->d_inode, new_d, flags);
  }
  if (new_d && !IS_ERR(new_d)) dput(new_d);
  if (!IS_ERR(old_d)) dput(old_d);
  unlock_rename(new_dir, old_dir);
  mnt_drop_write(oldnd.p.mnt);
  return err;
}

}  // namespace

long Kernel::sys_mkdirat(int dfd, const char* pathname, umode_t mode) {
  SYSCALL_ENTER(mkdirat);
  return syscall_exit(*this, do_mkdirat(dfd, pathname, mode));
}

long Kernel::sys_mkdir(const char* pathname, umode_t mode) {
  SYSCALL_ENTER(mkdir);
  return syscall_exit(*this, do_mkdirat(AT_FDCWD, pathname, mode));
}

long Kernel::sys_rmdir(const char* pathname) {
  SYSCALL_ENTER(rmdir);
  return syscall_exit(*this, do_rmdir(AT_FDCWD, pathname));
}

long Kernel::sys_unlinkat(int dfd, const char* pathname, int flags) {
  SYSCALL_ENTER(unlinkat);
  long r;
  if (flags & ~AT_REMOVEDIR)
    r = -EINVAL;
  else
    r = (flags & AT_REMOVEDIR) ? do_rmdir(dfd, pathname) : do_unlinkat(dfd, pathname);
  return syscall_exit(*this, r);
}

long Kernel::sys_unlink(const char* pathname) {
  SYSCALL_ENTER(unlink);
  return syscall_exit(*this, do_unlinkat(AT_FDCWD, pathname));
}

long Kernel::sys_symlinkat(const char* target, int newdfd, const char* linkpath) {
  SYSCALL_ENTER(symlinkat);
  return syscall_exit(*this, do_symlinkat(target, newdfd, linkpath));
}

long Kernel::sys_symlink(const char* target, const char* linkpath) {
  SYSCALL_ENTER(symlink);
  return syscall_exit(*this, do_symlinkat(target, AT_FDCWD, linkpath));
}

long Kernel::sys_linkat(int olddfd, const char* oldpath, int newdfd, const char* newpath, int flags) {
  SYSCALL_ENTER(linkat);
  return syscall_exit(*this, do_linkat(olddfd, oldpath, newdfd, newpath, flags));
}

long Kernel::sys_link(const char* oldpath, const char* newpath) {
  SYSCALL_ENTER(link);
  return syscall_exit(*this, do_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0));
}

long Kernel::sys_renameat2(int olddfd, const char* oldpath, int newdfd, const char* newpath, unsigned flags) {
  SYSCALL_ENTER(renameat2);
  if (!has_syscall(prof(), "renameat2")) return syscall_exit(*this, -ENOSYS);
  KFRAME(sys_renameat);
  return syscall_exit(*this, do_renameat2(olddfd, oldpath, newdfd, newpath, flags));
}

long Kernel::sys_renameat(int olddfd, const char* oldpath, int newdfd, const char* newpath) {
  SYSCALL_ENTER(renameat);
  return syscall_exit(*this, do_renameat2(olddfd, oldpath, newdfd, newpath, 0));
}

long Kernel::sys_rename(const char* oldpath, const char* newpath) {
  SYSCALL_ENTER(rename);
  KFRAME(sys_renameat);
  return syscall_exit(*this, do_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0));
}

}  // namespace sk
