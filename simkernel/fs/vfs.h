// The VFS core's internal interface, shared by the core files and the
// filesystems beside it (ramfs, procfs). Names and semantics follow Linux 3.8.
#pragma once
#include <string>
#include <string_view>

#include "simkernel/fs/fs.h"

namespace sk {

struct fs_struct {
  int users = 1;
  path root, pwd;
  umode_t umask = 0022;  // init_fs's; copied on fork, shared with CLONE_FS
};

// The calling task's umask (current_umask()): mkdir and O_CREAT take its
// bits out of the mode they are given (there are no POSIX ACLs here).
umode_t current_umask();

struct files_struct {
  int count = 1;
  std::vector<file*> fd;  // index = fd number; null = free
};

struct nameidata {
  path p;                 // where the walk is
  path root;
  std::string_view last;  // the last component (LOOKUP_PARENT), in the walked name
  int last_type = LAST_ROOT;
  bool trailing_slash = false;
  unsigned flags = 0;
  int depth = 0;
  int total_link_count = 0;
};

// ---- fs/super.c
void register_filesystem(Kernel& k, file_system_type* type);
file_system_type* get_fs_type(Kernel& k, std::string_view name);
super_block* alloc_super(Kernel& k, file_system_type* type);
void sb_start_write(super_block* sb, int line = __builtin_LINE());
bool sb_start_write_trylock(super_block* sb, int line = __builtin_LINE());
void sb_end_write(super_block* sb, int line = __builtin_LINE());
int mnt_want_write(vfsmount* mnt);
// The mount's write count without sb_writers: what an open file holds.
int __mnt_want_write(vfsmount* mnt);
void __mnt_drop_write(vfsmount* mnt);
bool __mnt_is_readonly(const vfsmount* mnt);
int do_remount_sb(super_block* sb, unsigned long flags);
void mnt_drop_write(vfsmount* mnt);
int freeze_super(super_block* sb);
int thaw_super(super_block* sb);
bool sb_can_freeze(const super_block* sb);

// ---- fs/inode.c
unsigned long get_next_ino(Kernel& k);
inode* new_inode_pseudo(super_block* sb);
inode* new_inode(super_block* sb);
inode* iget_locked(super_block* sb, unsigned long ino);
void unlock_new_inode(inode* i);
inode* ihold(inode* i);
// Drops a reference; the last one evicts the inode (generic_drop_inode():
// nothing here keeps unused inodes, so the icache holds only used ones).
void iput(inode* i);
// Sets i_mode and gives directories the per-type i_mutex_dir_key
// (lockdep_annotate_inode_mutex_key).
void inode_init_mode(inode* i, umode_t mode);
int64_t current_time_sec(Kernel& k);

// ---- fs/dcache.c
dentry* d_make_root(inode* root);
uint64_t full_name_hash(std::string_view name);
dentry* d_alloc(dentry* parent, std::string_view name);
dentry* d_lookup(dentry* parent, std::string_view name);
// Puts an unhashed dentry into the hash and its parent's children.
void d_rehash(dentry* d);
void d_instantiate(dentry* d, inode* i);
void d_add(dentry* d, inode* i);
dentry* d_splice_alias(inode* i, dentry* d);
void d_delete(dentry* d);
// The dcache shrinker: prunes the least recently used unused dentries
// until at most `keep` are left.
void prune_dcache(Kernel& k, size_t keep);
void d_drop(dentry* d);
void d_move(dentry* d, dentry* target);
void d_exchange(dentry* a, dentry* b);
dentry* d_ancestor(dentry* p1, dentry* p2);
bool IS_ROOT(const dentry* d);
bool d_mountpoint(const dentry* d);
// The path as seen from `root` ("/proc/1/net/stat"); unreachable paths get
// Linux's "(unreachable)" prefix, unhashed ones " (deleted)".
std::string d_path(const path& p, const path& root);

// ---- fs/namespace.c
vfsmount* vfs_kern_mount(Kernel& k, super_block* sb, dentry* root);
void attach_mnt(Kernel& k, vfsmount* mnt, const path& mountpoint);
vfsmount* lookup_mnt(const path& p);
bool follow_mount(path* p);
int do_mount(Kernel& k, const char* dev_name, const char* dir_name, const char* type_page, unsigned long flags,
             const void* data);
int do_umount(Kernel& k, const char* name, int flags);

// ---- fs/namei.c
// The user's name, checked (EFAULT, ENOENT when empty, ENAMETOOLONG): a
// view of the caller's memory, which outlives the syscall.
int getname(const char* user, std::string_view* out);
int path_lookupat(int dfd, std::string_view name, unsigned flags, nameidata* nd);
// An O_CREAT open met the symlink `link` as its last component (in nd->p):
// walks the link's body up to its last component, which the open creates or
// opens in turn (3.9's path_openat() loop around do_last()). `body` keeps
// the text nd->last points into. LAST_BIND when a procfs link jumped.
int follow_last_link(nameidata* nd, const path& link, std::string* body);
int user_path_at(int dfd, const char* name, unsigned flags, path* out);
int user_path_parent(int dfd, const char* name, nameidata* nd);
dentry* lookup_hash(nameidata* nd);
dentry* kern_path_create(int dfd, const char* name, path* p, unsigned lookup_flags);
void done_path_create(path* p, dentry* d);
int vfs_create(inode* dir, dentry* d, umode_t mode, bool excl);
int vfs_mkdir(inode* dir, dentry* d, umode_t mode);
int vfs_rmdir(inode* dir, dentry* d);
int vfs_unlink(inode* dir, dentry* d);
int vfs_symlink(inode* dir, dentry* d, const char* target);
int vfs_link(dentry* old, inode* dir, dentry* new_d);
int vfs_rename(inode* old_dir, dentry* old_d, inode* new_dir, dentry* new_d, unsigned flags);
// Symlink helper for magic links (/proc/PID/cwd, fd/N, ns/net).
void nd_jump_link(nameidata* nd, const path& p);

// include/linux/fs.h: the inode's lock. It is i_mutex in every era here
// (Linux made it the i_rwsem in 4.7 and kept the lockdep class names).
inline void inode_lock(inode* i, int line = __builtin_LINE()) { mutex_lock_nested(&i->i_mutex, I_MUTEX_NORMAL, line); }
inline void inode_lock_nested(inode* i, unsigned subclass, int line = __builtin_LINE()) {
  mutex_lock_nested(&i->i_mutex, subclass, line);
}
inline void inode_unlock(inode* i, int line = __builtin_LINE()) { mutex_unlock(&i->i_mutex, line); }

// ---- fs/rename_locking.cpp: rename()'s locking, by the profile's era
// The parents: the trap (the child of one parent on the way to the other,
// or nullptr); on 6.8 ERR_PTR(-EXDEV) when they have no common ancestor.
dentry* lock_rename(dentry* p1, dentry* p2);
void unlock_rename(dentry* p1, dentry* p2);
// The objects vfs_rename() moves, locked once the parents are held.
struct renamed {
  inode* old_dir;
  inode* new_dir;
  inode* source;
  inode* target;  // nullptr: the new name is free
  unsigned flags;
  bool lock_old_subdir() const { return new_dir != old_dir; }
  bool lock_new_subdir() const { return new_dir != old_dir || !(flags & RENAME_EXCHANGE); }
};
void lock_renamed(const renamed& r);
void unlock_renamed(const renamed& r);

// ---- fs/file_table.c, fs/file.c, fs/fs_struct.c
file* alloc_file(Kernel& k, const path& p, unsigned flags);
void fput(file* f);
// Frees a file that was never installed (its open failed).
void put_filp(file* f);
// fget(): the file behind `fd` with a reference (another task sharing the
// table may close it while this one sleeps), or null. fd_ref drops it.
file* fget(int fd);
struct fd_ref {
  file* ptr;
  explicit fd_ref(int fd) : ptr(fget(fd)) {}
  ~fd_ref() {
    if (ptr) fput(ptr);
  }
  fd_ref(const fd_ref&) = delete;
  fd_ref& operator=(const fd_ref&) = delete;
};
int get_unused_fd();
void fd_install(int fd, file* f);
int close_fd(files_struct* files, int fd);
files_struct* dup_fd(Kernel& k, files_struct* old);
void put_files_struct(Kernel& k, files_struct* files);
fs_struct* copy_fs_struct(Kernel& k, fs_struct* old);
void free_fs_struct(Kernel& k, fs_struct* fs);
void generic_fillattr(inode* i, kstat* st);

// ---- fs/stat.c
int generic_readlink_text(const std::string& target, char* buf, int buflen);

// ---- fs/readdir.c
int iterate_dir(file* f, dir_context* ctx);
// Emits "." and ".." at positions 0 and 1; false when the buffer filled up.
bool dir_emit_dots(file* f, dir_context* ctx);

}  // namespace sk
