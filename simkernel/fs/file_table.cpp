// Open files, fd tables and fs_struct (fs/file_table.c, fs/file.c,
// fs/fs_struct.c).
#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

file* alloc_file(Kernel& k, const path& p, unsigned flags) {
  auto* f = k.kmalloc<file>();
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
  if (f->f_op && f->f_op->release) f->f_op->release(f->f_inode, f);
}

file* fget(int fd) {
  KFRAME(fget_light);
  task_struct* t = current_task();
  if (fd < 0 || !t->files || static_cast<size_t>(fd) >= t->files->fd.size()) return nullptr;
  return t->files->fd[fd];
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
  auto* n = k.kmalloc<files_struct>();
  if (old) {
    n->fd = old->fd;
    for (auto* f : n->fd)
      if (f) f->f_count++;
  }
  return n;
}

void put_files_struct(files_struct* files) {
  if (--files->count > 0) return;
  for (size_t fd = 0; fd < files->fd.size(); fd++)
    if (files->fd[fd]) fput(files->fd[fd]);
  files->fd.clear();
}

fs_struct* copy_fs_struct(Kernel& k, fs_struct* old) {
  KFRAME(copy_fs_struct);
  auto* n = k.kmalloc<fs_struct>();
  if (old) {
    n->root = old->root;
    n->pwd = old->pwd;
  }
  return n;
}

void free_fs_struct(fs_struct* fs) { --fs->users; }

}  // namespace sk
