// read(2), write(2) (fs/read_write.c) and getdents64(2) (fs/readdir.c).
#include <cstring>

#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {

// touch_atime(): a reader updates atime under sb_writers (trylock: a
// frozen filesystem just keeps its old atime).
void touch_atime(file* f) {
  KFRAME(touch_atime);
  if (f->f_flags & O_NOATIME) return;
  super_block* sb = f->f_inode->i_sb;
  if (!sb_start_write_trylock(sb)) return;
  f->f_inode->i_atime = current_time_sec(*sb->kernel);
  sb_end_write(sb);
}

long vfs_read(file* f, char* buf, size_t count) {
  KFRAME(vfs_read);
  if (!(f->f_mode & FMODE_READ)) return -EBADF;
  if (!f->f_op || !f->f_op->read) return S_ISDIR_(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
  if (!buf && count) return -EFAULT;
  if (count > 0x7ffff000) count = 0x7ffff000;
  long r = f->f_op->read(f, buf, count, &f->f_pos);
  if (r > 0 && S_ISREG_(f->f_inode->i_mode)) touch_atime(f);
  return r;
}

long vfs_write(file* f, const char* buf, size_t count) {
  KFRAME(vfs_write);
  if (!(f->f_mode & FMODE_WRITE)) return -EBADF;
  if (!f->f_op || !f->f_op->write) return -EINVAL;
  if (!buf && count) return -EFAULT;
  if (count > 0x7ffff000) count = 0x7ffff000;
  if (!S_ISREG_(f->f_inode->i_mode)) return f->f_op->write(f, buf, count, &f->f_pos);
  // file_start_write(): regular files write under sb_writers, i_mutex inside.
  super_block* sb = f->f_inode->i_sb;
  sb_start_write(sb);
  long r = f->f_op->write(f, buf, count, &f->f_pos);
  sb_end_write(sb);
  return r;
}

struct getdents_buf {
  dir_context ctx;
  char* out;
  size_t count;
  size_t used = 0;
  long error = 0;
};

bool filldir64(dir_context* ctx, const std::string& name, loff_t off, uint64_t ino, unsigned type) {
  KFRAME(filldir64);
  auto* b = static_cast<getdents_buf*>(ctx->priv);
  size_t reclen = (offsetof(linux_dirent64, d_name) + name.size() + 1 + 7) & ~size_t{7};
  if (b->used + reclen > b->count) {
    if (b->used == 0) b->error = -EINVAL;
    return false;
  }
  auto* d = reinterpret_cast<linux_dirent64*>(b->out + b->used);
  d->d_ino = ino;
  d->d_off = off;
  d->d_reclen = static_cast<unsigned short>(reclen);
  d->d_type = static_cast<unsigned char>(type);
  std::memcpy(d->d_name, name.c_str(), name.size() + 1);
  b->used += reclen;
  return true;
}

}  // namespace

bool dir_emit_dots(file* f, dir_context* ctx) {
  dentry* d = f->f_path.dent;
  if (ctx->pos == 0) {
    if (!ctx->actor(ctx, ".", 1, d->d_inode->i_ino, DT_DIR)) return false;
    ctx->pos = 1;
  }
  if (ctx->pos == 1) {
    if (!ctx->actor(ctx, "..", 2, d->d_parent->d_inode->i_ino, DT_DIR)) return false;
    ctx->pos = 2;
  }
  return true;
}

int iterate_dir(file* f, dir_context* ctx) {
  KFRAME(vfs_readdir);
  inode* i = f->f_inode;
  if (!f->f_op || !f->f_op->readdir) return -ENOTDIR;
  // 3.8's vfs_readdir() holds the directory's i_mutex.
  mutex_lock(&i->i_mutex);
  int r = 0;
  if (S_ISDIR_(i->i_mode) && i->i_nlink == 0) {
    r = -ENOENT;
  } else {
    ctx->pos = f->f_pos;
    r = f->f_op->readdir(f, ctx);
    f->f_pos = ctx->pos;
  }
  mutex_unlock(&i->i_mutex);
  return r;
}

long Kernel::sys_read(int fd, char* buf, size_t count) {
  SYSCALL_ENTER(read);
  fd_ref ref(fd);
  file* f = ref.ptr;
  return syscall_exit(*this, f ? vfs_read(f, buf, count) : -EBADF);
}

long Kernel::sys_write(int fd, const char* buf, size_t count) {
  SYSCALL_ENTER(write);
  fd_ref ref(fd);
  file* f = ref.ptr;
  return syscall_exit(*this, f ? vfs_write(f, buf, count) : -EBADF);
}

long Kernel::sys_getdents64(int fd, void* dirp, size_t count) {
  SYSCALL_ENTER(getdents64);
  fd_ref ref(fd);
  file* f = ref.ptr;
  long r;
  if (!f) {
    r = -EBADF;
  } else if (!dirp) {
    r = -EFAULT;
  } else if (!f->f_mode && !f->f_op) {
    r = -EBADF;  // O_PATH
  } else {
    getdents_buf b{{filldir64, 0, nullptr}, static_cast<char*>(dirp), count};
    b.ctx.priv = &b;
    r = iterate_dir(f, &b.ctx);
    if (r >= 0) r = b.error ? b.error : static_cast<long>(b.used);
  }
  return syscall_exit(*this, r);
}

}  // namespace sk
