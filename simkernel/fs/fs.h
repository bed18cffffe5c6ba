// The VFS objects, after include/linux/fs.h, dcache.h and mount.h:
// file_system_type, super_block, inode, dentry, vfsmount, path, file.
//
// Lock order (fs/namei.c, 3.8):
//   sb_writers (mnt_want_write)
//     -> s_vfs_rename_mutex (lock_rename, cross-directory renames only)
//       -> i_mutex of the parent directory (I_MUTEX_PARENT)
//         -> i_mutex of the second parent / the child (I_MUTEX_CHILD)
//           -> i_mutex of the renamed objects (vfs_rename)
// Parents are ordered by dentry ancestry; unrelated parents in argument
// order. Lookups that miss the dcache take the directory's i_mutex. How
// later kernels order two locks of one rank: fs/rename_locking.cpp.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "simkernel/base/err_ptr.h"
#include "simkernel/base/kaddr.h"
#include "simkernel/locking/mutex.h"
#include "simkernel/locking/rwsem.h"
#include "simkernel/uapi.h"

namespace sk {

class Kernel;
struct inode;
struct dentry;
struct file;
struct super_block;
struct nameidata;
struct vfsmount;
struct dir_context;

// inode_i_mutex_lock_class: 3.x has QUOTA as 4; from 3.13 4 is NONDIR2 (the
// second non-directory of lock_two_nondirectories) and 5 PARENT2 (the second
// parent of lock_rename).
enum : unsigned { I_MUTEX_NORMAL = 0, I_MUTEX_PARENT = 1, I_MUTEX_CHILD = 2, I_MUTEX_XATTR = 3, I_MUTEX_QUOTA = 4,
                  I_MUTEX_NONDIR2 = 4, I_MUTEX_PARENT2 = 5 };
enum : unsigned { I_NEW = 1 << 3 };
enum : unsigned { LOOKUP_FOLLOW = 0x0001, LOOKUP_DIRECTORY = 0x0002, LOOKUP_PARENT = 0x0010, LOOKUP_REVAL = 0x0020,
                  LOOKUP_OPEN = 0x0100, LOOKUP_CREATE = 0x0200, LOOKUP_EXCL = 0x0400, LOOKUP_RENAME_TARGET = 0x0800,
                  LOOKUP_EMPTY = 0x4000 /* "" names the dfd itself (linkat AT_EMPTY_PATH, readlinkat) */ };
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT, LAST_BIND };
enum : unsigned { FMODE_READ = 1, FMODE_WRITE = 2 };
enum { SB_FREEZE_WRITE = 0, SB_FREEZE_PAGEFAULT = 1, SB_FREEZE_FS = 2, SB_FREEZE_LEVELS = 3 };
enum { SB_UNFROZEN = 0, SB_FREEZE_COMPLETE = 4 };
// fs_flags. FS_SIM_FREEZABLE: the type has ->freeze_fs (ioctl(FIFREEZE) works).
enum : int { FS_REQUIRES_DEV = 1, FS_SIM_FREEZABLE = 1 << 16 };

struct file_system_type {
  const char* name;
  int fs_flags;
  // Lockdep keys, one set per filesystem type, named as Linux names them.
  lock_class_key s_lock_key{"&type->s_lock_key"};
  lock_class_key s_umount_key{"&type->s_umount_key"};
  lock_class_key s_vfs_rename_key{"&type->s_vfs_rename_key"};
  lock_class_key s_writers_key[SB_FREEZE_LEVELS] = {{"sb_writers"}, {"sb_pagefaults"}, {"sb_internal"}};
  lock_class_key i_mutex_key{"&sb->s_type->i_mutex_key"};
  lock_class_key i_mutex_dir_key{"&type->i_mutex_dir_key"};
  // Builds a superblock (mount_nodev and friends); data is the mount data.
  super_block* (*mount)(Kernel& k, file_system_type* type, int flags, const char* dev_name, const void* data) = nullptr;
};

struct inode_operations {
  dentry* (*lookup)(inode* dir, dentry* d, unsigned flags) = nullptr;
  int (*create)(inode* dir, dentry* d, umode_t mode, bool excl) = nullptr;
  int (*link)(dentry* old, inode* dir, dentry* d) = nullptr;
  int (*unlink)(inode* dir, dentry* d) = nullptr;
  int (*symlink)(inode* dir, dentry* d, const char* target) = nullptr;
  int (*mkdir)(inode* dir, dentry* d, umode_t mode) = nullptr;
  int (*rmdir)(inode* dir, dentry* d) = nullptr;
  int (*mknod)(inode* dir, dentry* d, umode_t mode, uint64_t dev) = nullptr;
  int (*rename)(inode* old_dir, dentry* old_d, inode* new_dir, dentry* new_d, unsigned flags) = nullptr;
  // Symlinks: the target text, or nullptr after a magic jump (nd_jump_link
  // set nd->path), or an ERR_PTR.
  const char* (*follow_link)(dentry* d, nameidata* nd, std::string* buf) = nullptr;
  int (*readlink)(dentry* d, char* buf, int buflen) = nullptr;
  // stat(2)'s attributes where the inode's own fields are not the answer
  // (e.g. /proc/PID/net's link count, which is its netns's); null:
  // generic_fillattr().
  void (*getattr)(dentry* d, kstat* st) = nullptr;
};

struct file_operations {
  int (*open)(inode* i, file* f) = nullptr;
  long (*read)(file* f, char* buf, size_t count, loff_t* pos) = nullptr;
  long (*write)(file* f, const char* buf, size_t count, loff_t* pos) = nullptr;
  int (*readdir)(file* f, dir_context* ctx) = nullptr;
  int (*release)(inode* i, file* f) = nullptr;
};

struct dentry_operations {
  int (*d_revalidate)(dentry* d, unsigned flags) = nullptr;
};

struct super_block {
  Kernel* kernel;
  kaddr_t addr;
  file_system_type* s_type;
  dentry* s_root = nullptr;
  uint64_t s_dev = 0;
  unsigned long s_magic = 0;
  int s_flags = 0;
  mutex s_vfs_rename_mutex;
  percpu_rw_semaphore s_writers[SB_FREEZE_LEVELS];
  int s_frozen = SB_UNFROZEN;
  std::map<unsigned long, inode*> s_inode_hash;  // iget_locked()'s cache, by i_ino
  int s_active = 0;                               // mounts of this sb
  std::vector<vfsmount*> s_mounts;                // every mount of this sb (mounts are never freed)
  void* s_fs_info = nullptr;
  void* s_stats = nullptr;  // this type's KernelStats::fs_counts
  // super_operations->evict_inode: frees what the filesystem hung on an
  // inode whose last reference went (procfs: its proc_dir_entry or pid entry).
  void (*s_evict_inode)(inode* i) = nullptr;
};

struct inode {
  kaddr_t addr;
  unsigned long i_ino = 0;
  umode_t i_mode = 0;
  unsigned i_nlink = 1;
  unsigned i_uid = 0, i_gid = 0;
  uint64_t i_rdev = 0;
  loff_t i_size = 0;
  int64_t i_atime = 0, i_mtime = 0, i_ctime = 0;
  unsigned i_state = 0;
  super_block* i_sb;
  mutex i_mutex;
  const inode_operations* i_op = nullptr;
  const file_operations* i_fop = nullptr;
  std::vector<dentry*> i_dentry;   // aliases
  std::string i_data;              // ramfs: file contents or symlink target
  void* i_private = nullptr;       // procfs: the proc_dir_entry or pid entry
  int i_count = 0;                 // references: one per dentry, plus iget_locked() callers
};

struct dentry {
  kaddr_t addr;
  std::string d_name;
  uint64_t d_name_hash = 0;                // full_name_hash(d_name)
  dentry* d_parent;                        // itself for a root
  inode* d_inode = nullptr;                // null: negative
  super_block* d_sb;
  dentry* d_hash_next = nullptr;           // chain of Kernel::dentry_hashtable
  // The hashed children, sorted by name: readdir order (dcache_readdir)
  // and simple_empty(). Lookups go through the hash table instead.
  std::vector<dentry*> d_subdirs;
  bool d_hashed = false;
  int d_mounted = 0;                       // mounts on this dentry
  const dentry_operations* d_op = nullptr;
  void* d_fsdata = nullptr;
  int d_count = 0;                         // references (d_lockref)
  dentry* d_lru_prev = nullptr;            // unused (d_count 0, hashed): on the LRU
  dentry* d_lru_next = nullptr;
  bool d_on_lru = false;
};

struct vfsmount {
  kaddr_t addr;
  dentry* mnt_root;
  super_block* mnt_sb;
  vfsmount* mnt_parent;       // itself for the root mount
  dentry* mnt_mountpoint;
  int mnt_flags = 0;        // MS_RDONLY: this mount is read-only (MNT_READONLY)
  // mnt_get_writers(): mnt_want_write() calls in flight and files open for
  // writing on this mount; a remount read-only fails while there are any.
  int mnt_writers = 0;
  bool attached = false;
  std::vector<vfsmount*> children;
  vfsmount* mnt_hash_next = nullptr;  // chain of Kernel::mount_hashtable
  // follow_mount()'s memo: the top of the stack of mounts over this one's
  // root, valid while Kernel::mount_generation is mnt_top_gen.
  vfsmount* mnt_top = nullptr;
  uint64_t mnt_top_gen = 0;
};

// dget()/dput() (fs/dcache.c): a reference keeps a dentry (and through it
// its inode and its parents) alive; an unused hashed dentry waits on the
// LRU until the shrinker prunes it, an unused unhashed one is freed at once.
dentry* dget(dentry* d);
void dput(dentry* d);

// A (mount, dentry) pair holding a reference on the dentry, as path_get()
// and path_put() do by hand in Linux: copies dget, destruction dputs.
// Mounts are not counted (they are never freed).
struct path {
  struct adopt_t {};
  static constexpr adopt_t adopt{};

  vfsmount* mnt = nullptr;
  dentry* dent = nullptr;

  path() = default;
  path(vfsmount* m, dentry* d) : mnt(m), dent(d ? dget(d) : nullptr) {}
  // Takes over a reference the caller already holds (a lookup's).
  path(vfsmount* m, dentry* d, adopt_t) : mnt(m), dent(d) {}
  path(const path& o) : path(o.mnt, o.dent) {}
  path(path&& o) noexcept : mnt(o.mnt), dent(o.dent) { o.dent = nullptr; }
  path& operator=(const path& o) {
    if (o.dent) dget(o.dent);
    dentry* old = dent;
    mnt = o.mnt;
    dent = o.dent;
    if (old) dput(old);
    return *this;
  }
  path& operator=(path&& o) noexcept {
    if (this != &o) {
      dentry* old = dent;
      mnt = o.mnt;
      dent = o.dent;
      o.dent = nullptr;
      if (old) dput(old);
    }
    return *this;
  }
  ~path() {
    if (dent) dput(dent);
  }
  bool operator==(const path& o) const { return mnt == o.mnt && dent == o.dent; }
};

struct file {
  kaddr_t addr;
  path f_path;
  inode* f_inode;
  const file_operations* f_op;
  unsigned f_flags;
  unsigned f_mode;
  loff_t f_pos = 0;
  int f_count = 1;
  std::string seq_buf;        // seq_file: the generated text, made at first read
  bool seq_filled = false;
  void* private_data = nullptr;
};

struct dir_context {
  // Returns false when the buffer is full.
  bool (*actor)(dir_context* ctx, const std::string& name, loff_t off, uint64_t ino, unsigned type);
  loff_t pos = 0;
  void* priv = nullptr;
};

inline bool S_ISDIR_(umode_t m) { return (m & S_IFMT) == S_IFDIR; }
inline bool S_ISLNK_(umode_t m) { return (m & S_IFMT) == S_IFLNK; }
inline bool S_ISREG_(umode_t m) { return (m & S_IFMT) == S_IFREG; }
// special_file() (include/linux/fs.h): no write access is taken on the mount
// for these.
inline bool special_file(umode_t m) {
  umode_t t = m & S_IFMT;
  return t == S_IFCHR || t == S_IFBLK || t == S_IFIFO || t == S_IFSOCK;
}
inline unsigned dt_type(umode_t m) { return (m >> 12) & 15; }

}  // namespace sk
