// Pathname lookup and the directory-modifying VFS operations (fs/namei.c,
// as of 3.8; rename()'s locking of each era is in rename_locking.cpp). The
// lock order is documented in fs/fs.h.
//
// The walk is 3.8's ref-walk: nd->p holds a reference on where the walk is
// (struct path counts), lookups return their dentry with a reference the
// caller drops with dput(), so the shrinker never frees what a walk stands
// on, whichever task it runs in the meantime.
#include <cstring>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

int getname(const char* user, std::string_view* out) {
  if (!user) return -EFAULT;
  size_t len = strnlen(user, PATH_MAX);
  if (len == static_cast<size_t>(PATH_MAX)) return -ENAMETOOLONG;
  if (len == 0) return -ENOENT;
  *out = std::string_view(user, len);
  return 0;
}

static Kernel& kernel_of(const nameidata* nd) { return *nd->p.dent->d_sb->kernel; }

static int path_init(int dfd, std::string_view name, unsigned flags, nameidata* nd) {
  task_struct* t = current_task();
  nd->flags = flags;
  nd->depth = 0;
  nd->root = t->fs->root;
  if (name[0] == '/') {
    nd->p = nd->root;
    return 0;
  }
  if (dfd == AT_FDCWD) {
    nd->p = t->fs->pwd;
    return 0;
  }
  fd_ref ref(dfd);
  file* f = ref.ptr;
  if (!f) return -EBADF;
  if (!S_ISDIR_(f->f_inode->i_mode)) return -ENOTDIR;
  nd->p = f->f_path;
  return 0;
}

void nd_jump_link(nameidata* nd, const path& p) { nd->p = p; }

static void follow_dotdot(nameidata* nd) {
  KFRAME(follow_dotdot);
  for (;;) {
    if (nd->p == nd->root) break;
    if (nd->p.dent != nd->p.mnt->mnt_root) {
      nd->p = path{nd->p.mnt, nd->p.dent->d_parent};
      break;
    }
    if (nd->p.mnt->mnt_parent == nd->p.mnt || !nd->p.mnt->attached) break;
    nd->p = path{nd->p.mnt->mnt_parent, nd->p.mnt->mnt_mountpoint};
  }
  follow_mount(&nd->p);
}

static int d_revalidate(dentry* d, unsigned flags) {
  if (d->d_op && d->d_op->d_revalidate) return d->d_op->d_revalidate(d, flags);
  return 1;
}

// Looks `name` up in the dcache and revalidates it; nullptr on a miss,
// else the dentry with a reference.
static dentry* lookup_dcache(std::string_view name, dentry* dir, unsigned flags) {
  KFRAME(lookup_dcache);
  dentry* d = d_lookup(dir, name);
  if (d && d_revalidate(d, flags) <= 0) {
    d_drop(d);  // d_invalidate(): stale (e.g. a /proc/PID of a dead task)
    dput(d);
    d = nullptr;
  }
  return d;
}

// Calls the filesystem's ->lookup on a fresh dentry; dir->i_mutex held.
static dentry* lookup_real(inode* dir, dentry* d, unsigned flags) {
  KFRAME(lookup_real);
  if (!dir->i_op || !dir->i_op->lookup) return ERR_PTR<dentry>(-ENOTDIR);
  // ->lookup returns another dentry to use (or an error), or null when it
  // instantiated `d` itself (positive, or negative and maybe unhashed).
  dentry* old = dir->i_op->lookup(dir, d, flags);
  if (!old) return d;
  dput(d);  // an error, or another dentry to use (with its own reference)
  return old;
}

static dentry* __lookup_hash(std::string_view name, dentry* base, unsigned flags) {
  KFRAME(__lookup_hash);
  if (dentry* d = lookup_dcache(name, base, flags)) return d;
  dentry* d = d_alloc(base, name);
  return lookup_real(base->d_inode, d, flags);
}

dentry* lookup_hash(nameidata* nd) {
  KFRAME(lookup_hash);
  return __lookup_hash(nd->last, nd->p.dent, nd->flags);
}

static dentry* lookup_slow(nameidata* nd, std::string_view name) {
  KFRAME(lookup_slow);
  inode* dir = nd->p.dent->d_inode;
  mutex_lock(&dir->i_mutex);
  dentry* d = __lookup_hash(name, nd->p.dent, nd->flags);
  mutex_unlock(&dir->i_mutex);
  return d;
}

static int walk_component(nameidata* nd, std::string_view name, int type, bool follow, bool nested = false);
static int link_path_walk(std::string_view name, nameidata* nd);

// Follows `link`. As in 3.8, only a link met as an intermediate component
// (nested_symlink()) counts towards MAX_NESTED_LINKS; a link in the last
// position (path_lookupat()'s loop, or the last component of a link body)
// is followed in a loop at the same depth. Every link counts towards 40.
static int follow_link(nameidata* nd, const path& link, bool nested) {
  KFRAME(follow_link);
  if ((nested && nd->depth >= MAX_NESTED_LINKS) || nd->total_link_count >= MAXSYMLINKS) return -ELOOP;
  if (nested) nd->depth++;
  nd->total_link_count++;
  std::string buf;
  inode* li = link.dent->d_inode;
  const char* target = li->i_op->follow_link(link.dent, nd, &buf);
  int err = 0;
  if (IS_ERR(target)) {
    err = static_cast<int>(PTR_ERR(target));
  } else if (target) {
    std::string_view s(target);
    if (s.empty()) {
      err = -ENOENT;
    } else {
      if (s[0] == '/') nd->p = nd->root;
      nameidata sub = *nd;
      err = link_path_walk(s, &sub);
      if (!err) err = walk_component(&sub, sub.last, sub.last_type, true);
      if (!err && sub.trailing_slash && !S_ISDIR_(sub.p.dent->d_inode->i_mode)) err = -ENOTDIR;
      nd->p = sub.p;
      nd->total_link_count = sub.total_link_count;
    }
  }
  if (nested) nd->depth--;
  return err;
}

// Steps nd->p onto `name` (a component of type `type`), following mounts
// and, when `follow`, symlinks.
static int walk_component(nameidata* nd, std::string_view name, int type, bool follow, bool nested) {
  KFRAME(walk_component);
  if (type == LAST_DOT || type == LAST_ROOT) return 0;
  if (type == LAST_DOTDOT) {
    follow_dotdot(nd);
    return 0;
  }
  dentry* d;
  {
    KFRAME(lookup_fast);
    d = lookup_dcache(name, nd->p.dent, nd->flags);
  }
  if (!d) d = lookup_slow(nd, name);
  if (IS_ERR(d)) return static_cast<int>(PTR_ERR(d));
  if (!d->d_inode) {
    dput(d);
    return -ENOENT;
  }
  path next{nd->p.mnt, d, path::adopt};
  follow_mount(&next);
  if (follow && S_ISLNK_(next.dent->d_inode->i_mode) && next.dent->d_inode->i_op &&
      next.dent->d_inode->i_op->follow_link)
    return follow_link(nd, next, nested);
  nd->p = std::move(next);
  return 0;
}

static int component_type(std::string_view c) {
  if (c == ".") return LAST_DOT;
  if (c == "..") return LAST_DOTDOT;
  return LAST_NORM;
}

// Walks every component but the last, which it leaves in nd->last.
static int link_path_walk(std::string_view name, nameidata* nd) {
  KFRAME(link_path_walk);
  size_t i = 0;
  while (i < name.size() && name[i] == '/') i++;
  nd->last = {};
  nd->last_type = LAST_ROOT;
  nd->trailing_slash = false;
  if (i == name.size()) return 0;
  for (;;) {
    kernel_of(nd).sched_point();  // cond_resched() per component
    if (!S_ISDIR_(nd->p.dent->d_inode->i_mode)) return -ENOTDIR;
    size_t end = name.find('/', i);
    std::string_view comp = name.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    // No NAME_MAX check here: as in 3.8, the filesystem's ->lookup refuses
    // a long name (simple_lookup: -ENAMETOOLONG; procfs: -ENOENT).
    size_t next = end;
    while (next != std::string_view::npos && next < name.size() && name[next] == '/') next++;
    if (end == std::string_view::npos || next >= name.size()) {
      nd->last = comp;
      nd->last_type = component_type(comp);
      nd->trailing_slash = end != std::string_view::npos;
      return 0;
    }
    int err = walk_component(nd, comp, component_type(comp), true, /*nested=*/true);
    if (err) return err;
    i = next;
  }
}

int path_lookupat(int dfd, std::string_view name, unsigned flags, nameidata* nd) {
  KFRAME(path_lookupat);
  int err = path_init(dfd, name, flags, nd);
  if (err) return err;
  err = link_path_walk(name, nd);
  if (err || (flags & LOOKUP_PARENT)) return err;
  bool must_dir = nd->trailing_slash || (flags & LOOKUP_DIRECTORY);
  err = walk_component(nd, nd->last, nd->last_type, (flags & LOOKUP_FOLLOW) || nd->trailing_slash);
  if (err) return err;
  if (must_dir && !S_ISDIR_(nd->p.dent->d_inode->i_mode)) return -ENOTDIR;
  return 0;
}

int follow_last_link(nameidata* nd, const path& link, std::string* body) {
  KFRAME(follow_link);
  if (nd->total_link_count >= MAXSYMLINKS) return -ELOOP;
  nd->total_link_count++;
  std::string buf;
  const char* target = link.dent->d_inode->i_op->follow_link(link.dent, nd, &buf);
  if (IS_ERR(target)) return static_cast<int>(PTR_ERR(target));
  if (!target) {  // a procfs link jumped (nd_jump_link): nd->p is the object
    nd->last_type = LAST_BIND;
    return 0;
  }
  *body = target;
  if (body->empty()) return -ENOENT;
  if ((*body)[0] == '/') nd->p = nd->root;
  return link_path_walk(*body, nd);
}

int user_path_at(int dfd, const char* name, unsigned flags, path* out) {
  KFRAME(user_path_at);
  std::string_view s;
  int err = getname(name, &s);
  if (err == -ENOENT && (flags & LOOKUP_EMPTY)) {
    // getname_flags(LOOKUP_EMPTY) lets "" through; path_init() then stands
    // on the dfd itself, whatever it is (an O_PATH fd too), or on the cwd.
    if (dfd == AT_FDCWD) {
      *out = current_task()->fs->pwd;
      return 0;
    }
    fd_ref ref(dfd);
    if (!ref.ptr) return -EBADF;
    *out = ref.ptr->f_path;
    return 0;
  }
  if (err) return err;
  nameidata nd;
  err = path_lookupat(dfd, s, flags, &nd);
  if (!err) *out = nd.p;
  return err;
}

int user_path_parent(int dfd, const char* name, nameidata* nd) {
  KFRAME(user_path_parent);
  std::string_view s;
  int err = getname(name, &s);
  if (err) return err;
  return path_lookupat(dfd, s, LOOKUP_PARENT, nd);
}

// Parent locked (I_MUTEX_PARENT) and sb_writers held on success; the
// returned dentry is negative. done_path_create() undoes it.
dentry* kern_path_create(int dfd, const char* name, path* p, unsigned lookup_flags) {
  KFRAME(kern_path_create);
  nameidata nd;
  int err = user_path_parent(dfd, name, &nd);
  if (err) return ERR_PTR<dentry>(err);
  if (nd.last_type != LAST_NORM) return ERR_PTR<dentry>(-EEXIST);
  bool is_dir = lookup_flags & LOOKUP_DIRECTORY;
  nd.flags = LOOKUP_CREATE | LOOKUP_EXCL;
  int err2 = mnt_want_write(nd.p.mnt);
  inode* dir = nd.p.dent->d_inode;
  mutex_lock_nested(&dir->i_mutex, I_MUTEX_PARENT);
  dentry* d = lookup_hash(&nd);
  if (IS_ERR(d)) {
    err = static_cast<int>(PTR_ERR(d));
  } else if (d->d_inode) {
    err = -EEXIST;
  } else if (!is_dir && nd.trailing_slash) {
    err = -ENOENT;
  } else if (err2) {
    err = err2;
  } else {
    *p = nd.p;
    return d;
  }
  if (!IS_ERR(d)) dput(d);
  mutex_unlock(&dir->i_mutex);
  if (!err2) mnt_drop_write(nd.p.mnt);
  return ERR_PTR<dentry>(err);
}

void done_path_create(path* p, dentry* d) {
  KFRAME(done_path_create);
  dput(d);
  mutex_unlock(&p->dent->d_inode->i_mutex);
  mnt_drop_write(p->mnt);
}

static bool IS_DEADDIR(const inode* dir) { return dir->i_nlink == 0 && S_ISDIR_(dir->i_mode); }

static int may_create(inode* dir, dentry* child) {
  if (child->d_inode) return -EEXIST;
  if (IS_DEADDIR(dir)) return -ENOENT;
  return 0;
}

static int may_delete(inode* dir, dentry* victim, bool isdir) {
  if (!victim->d_inode) return -ENOENT;
  if (victim->d_parent->d_inode != dir) return -ENOENT;
  if (isdir) {
    if (!S_ISDIR_(victim->d_inode->i_mode)) return -ENOTDIR;
    if (IS_ROOT(victim)) return -EBUSY;
  } else if (S_ISDIR_(victim->d_inode->i_mode)) {
    return -EISDIR;
  }
  if (IS_DEADDIR(dir)) return -ENOENT;
  return 0;
}

int vfs_create(inode* dir, dentry* d, umode_t mode, bool excl) {
  KFRAME(vfs_create);
  int err = may_create(dir, d);
  if (err) return err;
  if (!dir->i_op->create) return -EACCES;
  return dir->i_op->create(dir, d, (mode & S_IALLUGO) | S_IFREG, excl);
}

int vfs_mkdir(inode* dir, dentry* d, umode_t mode) {
  KFRAME(vfs_mkdir);
  int err = may_create(dir, d);
  if (err) return err;
  if (!dir->i_op->mkdir) return -EPERM;
  // 3.9's vfs_mkdir(): "mode &= (S_IRWXUGO|S_ISVTX)": no set-id bits on a
  // new directory (a setgid parent's S_ISGID comes from inode_init_owner()).
  mode &= S_IRWXUGO | S_ISVTX;
  return dir->i_op->mkdir(dir, d, mode | S_IFDIR);
}

int vfs_rmdir(inode* dir, dentry* d) {
  KFRAME(vfs_rmdir);
  int err = may_delete(dir, d, true);
  if (err) return err;
  if (!dir->i_op->rmdir) return -EPERM;
  inode* victim = d->d_inode;
  mutex_lock(&victim->i_mutex);
  if (d_mountpoint(d)) {
    err = -EBUSY;
  } else {
    err = dir->i_op->rmdir(dir, d);
  }
  mutex_unlock(&victim->i_mutex);
  if (!err) d_delete(d);
  return err;
}

int vfs_unlink(inode* dir, dentry* d) {
  KFRAME(vfs_unlink);
  int err = may_delete(dir, d, false);
  if (err) return err;
  if (!dir->i_op->unlink) return -EPERM;
  inode* victim = d->d_inode;
  mutex_lock(&victim->i_mutex);
  if (d_mountpoint(d))
    err = -EBUSY;
  else
    err = dir->i_op->unlink(dir, d);
  mutex_unlock(&victim->i_mutex);
  if (!err) d_delete(d);
  return err;
}

int vfs_symlink(inode* dir, dentry* d, const char* target) {
  KFRAME(vfs_symlink);
  int err = may_create(dir, d);
  if (err) return err;
  if (!dir->i_op->symlink) return -EPERM;
  return dir->i_op->symlink(dir, d, target);
}

int vfs_link(dentry* old, inode* dir, dentry* new_d) {
  KFRAME(vfs_link);
  inode* i = old->d_inode;
  if (!i) return -ENOENT;
  int err = may_create(dir, new_d);
  if (err) return err;
  if (dir->i_sb != i->i_sb) return -EXDEV;
  if (S_ISDIR_(i->i_mode)) return -EPERM;
  if (!dir->i_op->link) return -EPERM;
  mutex_lock(&i->i_mutex);
  if (i->i_nlink == 0)
    err = -ENOENT;
  else
    err = dir->i_op->link(old, dir, new_d);
  mutex_unlock(&i->i_mutex);
  return err;
}

int vfs_rename(inode* old_dir, dentry* old_d, inode* new_dir, dentry* new_d, unsigned flags) {
  KFRAME(vfs_rename);
  inode* source = old_d->d_inode;
  inode* target = new_d->d_inode;
  bool is_dir = S_ISDIR_(source->i_mode);
  if (source == target) return 0;
  int err = may_delete(old_dir, old_d, is_dir);
  if (err) return err;
  if (!target)
    err = may_create(new_dir, new_d);
  else
    err = may_delete(new_dir, new_d, (flags & RENAME_EXCHANGE) ? S_ISDIR_(target->i_mode) : is_dir);
  if (err) return err;
  if (!old_dir->i_op->rename) return -EPERM;
  const renamed children{old_dir, new_dir, source, target, flags};
  lock_renamed(children);  // which ones, and in what order, is the era's (rename_locking.cpp)
  if (d_mountpoint(old_d) || d_mountpoint(new_d))
    err = -EBUSY;
  else
    err = old_dir->i_op->rename(old_dir, old_d, new_dir, new_d, flags);
  unlock_renamed(children);
  if (!err) {
    if (flags & RENAME_EXCHANGE)
      d_exchange(old_d, new_d);
    else
      d_move(old_d, new_d);
  }
  return err;
}

}  // namespace sk
