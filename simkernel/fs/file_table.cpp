// Open files, fd tables and fs_struct (fs/file_table.c, fs/file.c,
// fs/fs_struct.c). Each is freed when its last user lets go: a file at the
// last fput() (dropping its path), an fd table and an fs_struct when the
// last task sharing them exits.
#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

file* alloc_file(Kernel& k, const path& p, unsigned flags) {
  auto* f = k.filp_cache.alloc();
  f->addr = k.kaddr.alloc(0xf8);
  f->f_path = p;
  f->f_inode = p.dent->d_inode;
  f->f_op = f->f_inode->i_fop;
  f->f_flags = flags;
  unsigned acc = flags & O_ACCMODE;
  f->f_mode = acc == O_RDONLY ? FMODE_READ : acc == O_WRONLY ? FMODE_WRITE : acc == O_RDWR ? FMODE_READ | FMODE_WRITE : 0;
  return f;
}

void fput(file* f) {
  if (--f->f_count > 0) return;
  Kernel& k = *f->f_inode->i_sb->kernel;
  if (k.dying()) return;
  if (f->f_op && f->f_op->release) f->f_op->release(f->f_inode, f);
  // __fput(): drop_file_write_access(), what do_dentry_open() took.
  if ((f->f_mode & FMODE_WRITE) && !special_file(f->f_inode->i_mode)) __mnt_drop_write(f->f_path.mnt);
  k.filp_cache.free(f);
}

void put_filp(file* f) {
  Kernel& k = *f->f_inode->i_sb->kernel;
  if (!k.dying()) k.filp_cache.free(f);
}

file* fget(int fd) {
  KFRAME(fget_light);
  task_struct* t = current_task();
  if (fd < 0 || !t->files || static_cast<size_t>(fd) >= t->files->fd.size()) return nullptr;
  file* f = t->files->fd[fd];
  if (f) f->f_count++;
  return f;
}

int get_unused_fd() {
  KFRAME(get_unused_fd_flags);
  auto& fds = current_task()->files->fd;
  for (size_t i = 0; i < fds.size(); i++)
    if (!fds[i]) return static_cast<int>(i);
  if (fds.size() >= static_cast<size_t>(NR_OPEN_DEFAULT)) return -EMFILE;
  fds.push_back(nullptr);
  return static_cast<int>(fds.size() - 1);
}

void fd_install(int fd, file* f) {
  KFRAME(fd_install);
  current_task()->files->fd[fd] = f;
}

int close_fd(files_struct* files, int fd) {
  KFRAME(__close_fd);
  if (fd < 0 || static_cast<size_t>(fd) >= files->fd.size() || !files->fd[fd]) return -EBADF;
  file* f = files->fd[fd];
  files->fd[fd] = nullptr;
  while (!files->fd.empty() && !files->fd.back()) files->fd.pop_back();
  fput(f);
  return 0;
}

files_struct* dup_fd(Kernel& k, files_struct* old) {
  KFRAME(dup_fd);
  auto* n = k.files_cachep.alloc();
  if (old) {
    n->fd = old->fd;
    for (auto* f : n->fd)
      if (f) f->f_count++;
  }
  return n;
}

void put_files_struct(Kernel& k, files_struct* files) {
  if (--files->count > 0) return;
  if (k.dying()) return;
  for (size_t fd = 0; fd < files->fd.size(); fd++)
    if (files->fd[fd]) fput(files->fd[fd]);
  k.files_cachep.free(files);
}

umode_t current_umask() { return current_task()->fs->umask; }

fs_struct* copy_fs_struct(Kernel& k, fs_struct* old) {
  KFRAME(copy_fs_struct);
  auto* n = k.fs_cachep.alloc();
  if (old) {
    n->root = old->root;
    n->pwd = old->pwd;
    n->umask = old->umask;
  }
  return n;
}

void free_fs_struct(Kernel& k, fs_struct* fs) {
  if (--fs->users > 0 || k.dying()) return;
  k.fs_cachep.free(fs);
}

}  // namespace sk
