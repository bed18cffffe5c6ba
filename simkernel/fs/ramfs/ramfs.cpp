#include "simkernel/fs/ramfs/ramfs.h"

#include <algorithm>
#include <cstring>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

namespace {

dentry* simple_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(simple_lookup);
  if (d->d_name.size() > static_cast<size_t>(NAME_MAX)) return ERR_PTR<dentry>(-ENAMETOOLONG);
  d_add(d, nullptr);  // a negative dentry, hashed
  return nullptr;
}

bool simple_empty(dentry* d) {
  for (const dentry* child : d->d_subdirs)
    if (child->d_inode) return false;
  return true;
}

int ramfs_mknod(inode* dir, dentry* d, umode_t mode, uint64_t dev) {
  KFRAME(ramfs_mknod);
  inode* i = ramfs_get_inode(dir->i_sb, dir, mode, dev);
  d_instantiate(d, i);
  dget(d);  // Extra count: pin the dentry in core (it is the only copy)
  d_rehash(d);
  dir->i_mtime = dir->i_ctime = current_time_sec(*dir->i_sb->kernel);
  return 0;
}

int ramfs_mkdir(inode* dir, dentry* d, umode_t mode) {
  KFRAME(ramfs_mkdir);
  int err = ramfs_mknod(dir, d, mode | S_IFDIR, 0);
  if (!err) dir->i_nlink++;
  return err;
}

int ramfs_create(inode* dir, dentry* d, umode_t mode, bool excl) {
  KFRAME(ramfs_create);
  return ramfs_mknod(dir, d, mode | S_IFREG, 0);
}

int ramfs_symlink(inode* dir, dentry* d, const char* target) {
  KFRAME(ramfs_symlink);
  if (std::strlen(target) + 1 > 4096) return -ENAMETOOLONG;
  int err = ramfs_mknod(dir, d, S_IFLNK | 0777, 0);
  if (!err) {
    d->d_inode->i_data = target;
    d->d_inode->i_size = static_cast<loff_t>(std::strlen(target));
  }
  return err;
}

int simple_link(dentry* old, inode* dir, dentry* d) {
  KFRAME(simple_link);
  inode* i = old->d_inode;
  i->i_nlink++;
  d_instantiate(d, ihold(i));
  dget(d);  // pinned, as ramfs_mknod's
  d_rehash(d);
  return 0;
}

int simple_unlink(inode* dir, dentry* d) {
  KFRAME(simple_unlink);
  d->d_inode->i_nlink--;
  dput(d);  // undo the pin
  return 0;
}

int simple_rmdir(inode* dir, dentry* d) {
  KFRAME(simple_rmdir);
  if (!simple_empty(d)) return -ENOTEMPTY;
  d->d_inode->i_nlink = 0;
  dir->i_nlink--;
  dput(d);  // undo the pin
  return 0;
}

int simple_rename(inode* old_dir, dentry* old_d, inode* new_dir, dentry* new_d, unsigned flags) {
  KFRAME(simple_rename);
  bool they_are_dirs = S_ISDIR_(old_d->d_inode->i_mode);
  if (flags & RENAME_EXCHANGE) {
    bool new_is_dir = S_ISDIR_(new_d->d_inode->i_mode);
    if (old_dir != new_dir && they_are_dirs != new_is_dir) {
      if (they_are_dirs) {
        old_dir->i_nlink--;
        new_dir->i_nlink++;
      } else {
        new_dir->i_nlink--;
        old_dir->i_nlink++;
      }
    }
    return 0;
  }
  if (new_d->d_inode && !simple_empty(new_d)) return -ENOTEMPTY;
  if (new_d->d_inode) {
    new_d->d_inode->i_nlink--;
    dput(new_d);  // simple_unlink() of the target: undo its pin
    if (they_are_dirs) {
      new_d->d_inode->i_nlink = 0;
      old_dir->i_nlink--;
    }
  } else if (they_are_dirs) {
    old_dir->i_nlink--;
    new_dir->i_nlink++;
  }
  return 0;
}

const char* ramfs_follow_link(dentry* d, nameidata* nd, std::string* buf) {
  *buf = d->d_inode->i_data;
  return buf->c_str();
}

int ramfs_readlink(dentry* d, char* buf, int buflen) { return generic_readlink_text(d->d_inode->i_data, buf, buflen); }

long ramfs_read(file* f, char* buf, size_t count, loff_t* pos) {
  KFRAME(do_sync_read);
  const std::string& data = f->f_inode->i_data;
  if (*pos >= static_cast<loff_t>(data.size())) return 0;
  size_t n = std::min(count, data.size() - static_cast<size_t>(*pos));
  std::memcpy(buf, data.data() + *pos, n);
  *pos += static_cast<loff_t>(n);
  return static_cast<long>(n);
}

long ramfs_write(file* f, const char* buf, size_t count, loff_t* pos) {
  KFRAME(do_sync_write);
  inode* i = f->f_inode;
  mutex_lock(&i->i_mutex);
  if (f->f_flags & O_APPEND) *pos = static_cast<loff_t>(i->i_data.size());
  // Files here are small: cap growth like a full tmpfs would (ENOSPC).
  long r;
  if (static_cast<size_t>(*pos) + count > (1u << 20)) {
    r = -ENOSPC;
  } else {
    if (i->i_data.size() < static_cast<size_t>(*pos) + count) i->i_data.resize(*pos + count);
    std::memcpy(i->i_data.data() + *pos, buf, count);
    *pos += static_cast<loff_t>(count);
    i->i_size = static_cast<loff_t>(i->i_data.size());
    i->i_mtime = i->i_ctime = current_time_sec(*i->i_sb->kernel);
    r = static_cast<long>(count);
  }
  mutex_unlock(&i->i_mutex);
  return r;
}

int dcache_readdir(file* f, dir_context* ctx) {
  KFRAME(dcache_readdir);
  if (!dir_emit_dots(f, ctx)) return 0;
  const loff_t pos = ctx->pos;
  loff_t n = 2;
  for (const dentry* child : f->f_path.dent->d_subdirs) {
    if (!child->d_inode) continue;
    if (n++ < pos) continue;
    if (!ctx->actor(ctx, child->d_name, n, child->d_inode->i_ino, dt_type(child->d_inode->i_mode))) return 0;
    ctx->pos = n;
  }
  return 0;
}

// /dev/null and /dev/zero (drivers/char/mem.c).
long null_read(file*, char*, size_t, loff_t*) { return 0; }
long null_write(file*, const char*, size_t count, loff_t*) { return static_cast<long>(count); }
long zero_read(file*, char* buf, size_t count, loff_t*) {
  std::memset(buf, 0, count);
  return static_cast<long>(count);
}

const inode_operations ramfs_dir_inode_operations = {
    .lookup = simple_lookup,
    .create = ramfs_create,
    .link = simple_link,
    .unlink = simple_unlink,
    .symlink = ramfs_symlink,
    .mkdir = ramfs_mkdir,
    .rmdir = simple_rmdir,
    .mknod = ramfs_mknod,
    .rename = simple_rename,
};
const inode_operations ramfs_symlink_inode_operations = {
    .follow_link = ramfs_follow_link,
    .readlink = ramfs_readlink,
};
const inode_operations ramfs_file_inode_operations = {};
const file_operations ramfs_file_operations = {.read = ramfs_read, .write = ramfs_write};
const file_operations simple_dir_operations = {.readdir = dcache_readdir};
const file_operations null_fops = {.read = null_read, .write = null_write};
const file_operations zero_fops = {.read = zero_read, .write = null_write};

}  // namespace

inode* ramfs_get_inode(super_block* sb, const inode* dir, umode_t mode, uint64_t dev) {
  KFRAME(ramfs_get_inode);
  inode* i = new_inode(sb);
  inode_init_mode(i, mode);
  switch (mode & S_IFMT) {
    case S_IFDIR:
      i->i_op = &ramfs_dir_inode_operations;
      i->i_fop = &simple_dir_operations;
      i->i_nlink = 2;
      break;
    case S_IFLNK:
      i->i_op = &ramfs_symlink_inode_operations;
      break;
    case S_IFREG:
      i->i_op = &ramfs_file_inode_operations;
      i->i_fop = &ramfs_file_operations;
      break;
    default:  // init_special_inode(): the two character devices we know
      i->i_op = &ramfs_file_inode_operations;
      i->i_rdev = dev;
      i->i_fop = dev == ((1u << 8) | 5) ? &zero_fops : &null_fops;
      break;
  }
  return i;
}

super_block* ramfs_mount(Kernel& k, file_system_type* type, int flags, const char* dev_name, const void* data) {
  KFRAME(mount_nodev);
  super_block* sb = alloc_super(k, type);
  sb->s_magic = 0x858458f6;  // RAMFS_MAGIC
  KFRAME(ramfs_fill_super);
  inode* root = ramfs_get_inode(sb, nullptr, S_IFDIR | 0755, 0);
  sb->s_root = d_make_root(root);
  return sb;
}

dentry* ramfs_boot_mknod(dentry* parent, const std::string& name, umode_t mode, uint64_t dev) {
  dentry* d = d_alloc(parent, name);
  inode* i = ramfs_get_inode(parent->d_sb, parent->d_inode, mode, dev);
  d_add(d, i);
  if (S_ISDIR_(mode)) parent->d_inode->i_nlink++;
  return d;
}

dentry* ramfs_boot_mkdir(dentry* parent, const std::string& name) {
  return ramfs_boot_mknod(parent, name, S_IFDIR | 0755, 0);
}

dentry* ramfs_boot_file(dentry* parent, const std::string& name, const std::string& contents) {
  dentry* d = ramfs_boot_mknod(parent, name, S_IFREG | 0644, 0);
  d->d_inode->i_data = contents;
  d->d_inode->i_size = static_cast<loff_t>(contents.size());
  return d;
}

}  // namespace sk
