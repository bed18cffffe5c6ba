// rename()'s locking of directories and of the renamed objects, as each
// kernel era did it (profile::rename_locking). Each version's
// Documentation/filesystems/directory-locking.rst is the spec; the code
// below follows fs/namei.c and fs/inode.c of that version, with their names.
//
// Lock order, all eras: sb_writers -> s_vfs_rename_mutex (cross-directory
// only) -> i_mutex of the parents -> i_mutex of the children. What differs is
// how two locks of the same rank are ordered:
//
//   3.8   parents by ancestry, unrelated ones in argument order
//         (I_MUTEX_PARENT, I_MUTEX_CHILD); vfs_rename() locks the target.
//   6.4   unrelated parents as I_MUTEX_PARENT, I_MUTEX_PARENT2 in argument
//         order; vfs_rename() locks the non-directories in inode pointer
//         order (lock_two_nondirectories(), which skips directories), or a
//         directory target (the victim).
//   6.5   Jan Kara, "fs: Establish locking order for unrelated directories"
//         (f23ce7571853): unrelated parents in inode pointer order; "fs: Lock
//         moved directories" (28eceeda130f): vfs_rename() locks source and
//         target whatever they are, with lock_two_inodes() (directory first,
//         else inode pointer order; I_MUTEX_NORMAL, I_MUTEX_NONDIR2). In a
//         same-directory rename of two subdirectories that locks two
//         directories neither of which is an ancestor of the other without
//         s_vfs_rename_mutex. Al Viro: "the 'order' proposed in 28eceeda130f
//         is not transitive, with the usual consequences" - parent-before-
//         child (rmdir, lookups) and pointer order close a cycle: a
//         same-directory rename holding b and wanting a (b < a), an rmdir
//         holding a and wanting its child c, a cross-directory rename out of
//         c holding c and wanting b (c < b).
//   6.8   Al Viro, "rename(): fix the locking of subdirectories"
//         (22e111ed6c83): a subdirectory is locked only when its parent
//         changes (source, I_MUTEX_CHILD) or as the victim (target); so any
//         operation locking two directories either holds s_vfs_rename_mutex
//         or locks a parent, then its child. "rename(): avoid a deadlock in
//         the case of parents having no common ancestor" (a8b0026847b8):
//         lock_two_directories() walks up to the common ancestor and fails
//         with EXDEV when there is none. (That deadlock needs a lookup
//         splicing a disconnected tree - NFS, open_by_handle_at - which
//         simtrinity does not model; the check is here as 6.8 has it.)
//
// The 6.8 directory-locking.rst says unrelated parents are locked "parent of
// source first"; the code locks lock_rename()'s first argument first, and
// do_renameat2() passes the new parent first. We follow the code.
#include <utility>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

namespace {

dir_locking era_of(const super_block* sb) { return sb->kernel->prof().rename_locking; }

// "inode pointer order": by address, a missing inode (NULL) first.
kaddr_t ptr(const inode* i) { return i ? i->addr : 0; }

// fs/inode.c (6.5): lock any non-NULL argument; a directory before a
// non-directory (the other may be its child), else in inode pointer order.
// The first lock taken gets subclass1.
void lock_two_inodes(inode* inode1, inode* inode2, unsigned subclass1, unsigned subclass2) {
  KFRAME(lock_two_inodes);
  if (!inode1 || !inode2) {
    if (!inode1) std::swap(inode1, inode2);
  } else if (S_ISDIR_(inode2->i_mode) == S_ISDIR_(inode1->i_mode)) {
    if (ptr(inode1) > ptr(inode2)) std::swap(inode1, inode2);
  } else if (!S_ISDIR_(inode1->i_mode)) {
    std::swap(inode1, inode2);
  }
  if (inode1) inode_lock_nested(inode1, subclass1);
  if (inode2 && inode2 != inode1) inode_lock_nested(inode2, subclass2);
}

// fs/inode.c: 6.4 skips directories; from 6.5 its arguments are
// non-directories only (2454ad83b90a, and Al Viro's "kill lock_two_inodes()").
void lock_two_nondirectories(dir_locking era, inode* inode1, inode* inode2) {
  KFRAME(lock_two_nondirectories);
  if (ptr(inode1) > ptr(inode2)) std::swap(inode1, inode2);
  const bool skip_dirs = era == dir_locking::v6_4;
  if (inode1 && !(skip_dirs && S_ISDIR_(inode1->i_mode))) inode_lock(inode1);
  if (inode2 && !(skip_dirs && S_ISDIR_(inode2->i_mode)) && inode2 != inode1)
    inode_lock_nested(inode2, I_MUTEX_NONDIR2);
}

void unlock_two_nondirectories(dir_locking era, inode* inode1, inode* inode2) {
  KFRAME(unlock_two_nondirectories);
  const bool skip_dirs = era == dir_locking::v6_4;
  if (inode1 && !(skip_dirs && S_ISDIR_(inode1->i_mode))) inode_unlock(inode1);
  if (inode2 && !(skip_dirs && S_ISDIR_(inode2->i_mode)) && inode2 != inode1) inode_unlock(inode2);
}

// fs/namei.c (6.4, 6.5): s_vfs_rename_mutex is held.
dentry* lock_two_directories(dir_locking era, dentry* p1, dentry* p2) {
  KFRAME(lock_two_directories);
  if (dentry* p = d_ancestor(p2, p1)) {
    inode_lock_nested(p2->d_inode, I_MUTEX_PARENT);
    inode_lock_nested(p1->d_inode, I_MUTEX_CHILD);
    return p;
  }
  if (dentry* p = d_ancestor(p1, p2)) {
    inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
    inode_lock_nested(p2->d_inode, I_MUTEX_CHILD);
    return p;
  }
  if (era == dir_locking::v6_5) {
    lock_two_inodes(p1->d_inode, p2->d_inode, I_MUTEX_PARENT, I_MUTEX_PARENT2);
  } else {
    inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
    inode_lock_nested(p2->d_inode, I_MUTEX_PARENT2);
  }
  return nullptr;
}

// fs/namei.c (6.8, a8b0026847b8): p1 != p2 on one filesystem,
// s_vfs_rename_mutex held; the child of the ancestor on the way to the other
// parent (the trap), or nullptr, or ERR_PTR(-EXDEV) with the mutex dropped.
dentry* lock_two_directories_v6_8(dentry* p1, dentry* p2) {
  KFRAME(lock_two_directories);
  dentry *p = p1, *q = p2, *r;
  while ((r = p->d_parent) != p2 && r != p) p = r;
  if (r == p2) {
    // p is a child of p2 and an ancestor of p1 or p1 itself
    inode_lock_nested(p2->d_inode, I_MUTEX_PARENT);
    inode_lock_nested(p1->d_inode, I_MUTEX_PARENT2);
    return p;
  }
  // p is the root of the tree holding p1, and p2 is not on the path to p1
  while ((r = q->d_parent) != p1 && r != p && r != q) q = r;
  if (r == p1) {
    // q is a child of p1 and an ancestor of p2 or p2 itself
    inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
    inode_lock_nested(p2->d_inode, I_MUTEX_PARENT2);
    return q;
  }
  if (r == p) {
    // both are descendants of p
    inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
    inode_lock_nested(p2->d_inode, I_MUTEX_PARENT2);
    return nullptr;
  }
  // no common ancestor at the time we were called
  mutex_unlock(&p1->d_sb->s_vfs_rename_mutex);
  return ERR_PTR<dentry>(-EXDEV);
}

// 3.8's lock_rename(), kept apart so its dump offsets stay those of 3.8.
dentry* lock_rename_v3_8(dentry* p1, dentry* p2) {
  KFRAME(lock_rename);
  // The same *dentry* takes one lock; Linux trusts that distinct directory
  // dentries have distinct inodes (a directory has one alias).
  if (p1 == p2) {
    mutex_lock_nested(&p1->d_inode->i_mutex, I_MUTEX_PARENT);
    return nullptr;
  }
  mutex_lock(&p1->d_inode->i_sb->s_vfs_rename_mutex);
  if (dentry* p = d_ancestor(p2, p1)) {
    mutex_lock_nested(&p2->d_inode->i_mutex, I_MUTEX_PARENT);
    mutex_lock_nested(&p1->d_inode->i_mutex, I_MUTEX_CHILD);
    return p;
  }
  if (dentry* p = d_ancestor(p1, p2)) {
    mutex_lock_nested(&p1->d_inode->i_mutex, I_MUTEX_PARENT);
    mutex_lock_nested(&p2->d_inode->i_mutex, I_MUTEX_CHILD);
    return p;
  }
  mutex_lock_nested(&p1->d_inode->i_mutex, I_MUTEX_PARENT);
  mutex_lock_nested(&p2->d_inode->i_mutex, I_MUTEX_CHILD);
  return nullptr;
}

}  // namespace

dentry* lock_rename(dentry* p1, dentry* p2) {
  const dir_locking era = era_of(p1->d_sb);
  if (era == dir_locking::v3_8) return lock_rename_v3_8(p1, p2);
  KFRAME(lock_rename);
  if (p1 == p2) {
    inode_lock_nested(p1->d_inode, I_MUTEX_PARENT);
    return nullptr;
  }
  mutex_lock(&p1->d_sb->s_vfs_rename_mutex);
  return era == dir_locking::v6_8 ? lock_two_directories_v6_8(p1, p2) : lock_two_directories(era, p1, p2);
}

void unlock_rename(dentry* p1, dentry* p2) {
  KFRAME(unlock_rename);
  mutex_unlock(&p1->d_inode->i_mutex);
  if (p1 != p2) {
    mutex_unlock(&p2->d_inode->i_mutex);
    mutex_unlock(&p1->d_inode->i_sb->s_vfs_rename_mutex);
  }
}

// The children vfs_rename() locks once the parents are held, after the
// checks and before ->rename() (fs/namei.c vfs_rename() of each era).
void lock_renamed(const renamed& r) {
  const bool is_dir = S_ISDIR_(r.source->i_mode);
  const bool new_is_dir = r.target && S_ISDIR_(r.target->i_mode);
  switch (era_of(r.source->i_sb)) {
    case dir_locking::v3_8: {
      KFRAME(vfs_rename_other);
      if (r.target) mutex_lock(&r.target->i_mutex);
      break;
    }
    case dir_locking::v6_4:
      if (!is_dir || (r.flags & RENAME_EXCHANGE))
        lock_two_nondirectories(dir_locking::v6_4, r.source, r.target);
      else if (r.target)
        inode_lock(r.target);
      break;
    case dir_locking::v6_5:
      // "Lock all moved children ... The lockdep locking subclasses are
      // somewhat arbitrary but RENAME_EXCHANGE in particular can swap
      // regular files and directories" (28eceeda130f).
      lock_two_inodes(r.source, r.target, I_MUTEX_NORMAL, I_MUTEX_NONDIR2);
      break;
    case dir_locking::v6_8:
      // NEVER lock two unrelated directories without s_vfs_rename_mutex:
      // the source subdirectory only when its parent changes, the target
      // subdirectory when its parent changes (exchange) or as the victim.
      if (is_dir) {
        if (r.lock_old_subdir()) inode_lock_nested(r.source, I_MUTEX_CHILD);
        if (r.target && (!new_is_dir || r.lock_new_subdir())) inode_lock(r.target);
      } else if (new_is_dir) {
        if (r.lock_new_subdir()) inode_lock_nested(r.target, I_MUTEX_CHILD);
        inode_lock(r.source);
      } else {
        lock_two_nondirectories(dir_locking::v6_8, r.source, r.target);
      }
      break;
  }
}

void unlock_renamed(const renamed& r) {
  const bool is_dir = S_ISDIR_(r.source->i_mode);
  const bool new_is_dir = r.target && S_ISDIR_(r.target->i_mode);
  switch (era_of(r.source->i_sb)) {
    case dir_locking::v3_8:
      if (r.target) mutex_unlock(&r.target->i_mutex);
      break;
    case dir_locking::v6_4:
      if (!is_dir || (r.flags & RENAME_EXCHANGE))
        unlock_two_nondirectories(dir_locking::v6_4, r.source, r.target);
      else if (r.target)
        inode_unlock(r.target);
      break;
    case dir_locking::v6_5:
      inode_unlock(r.source);
      if (r.target) inode_unlock(r.target);
      break;
    case dir_locking::v6_8:
      if (!is_dir || r.lock_old_subdir()) inode_unlock(r.source);
      if (r.target && (!new_is_dir || r.lock_new_subdir())) inode_unlock(r.target);
      break;
  }
}

}  // namespace sk
