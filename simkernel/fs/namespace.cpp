// The mount tree (fs/namespace.c): vfsmounts, mount_hashtable (keyed by
// the parent mount and the mountpoint, as Linux's m_hash()), bind mounts
// and umount.
#include <algorithm>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {
uint64_t m_hash(const vfsmount* parent, const dentry* mountpoint) {
  return (parent->addr >> 6) * 0x9e3779b97f4a7c15ULL ^ (mountpoint->addr >> 6);
}
uint64_t m_hash_of(const vfsmount* m) { return m_hash(m->mnt_parent, m->mnt_mountpoint); }
}  // namespace

vfsmount* vfs_kern_mount(Kernel& k, super_block* sb, dentry* root) {
  auto* m = k.kmalloc<vfsmount>();
  m->addr = k.kaddr.alloc(0x100);
  m->mnt_root = dget(root);  // a mount pins its root and (attached) its mountpoint
  m->mnt_sb = sb;
  m->mnt_parent = m;
  m->mnt_mountpoint = root;
  sb->s_active++;
  sb->s_mounts.push_back(m);
  return m;
}

void attach_mnt(Kernel& k, vfsmount* mnt, const path& mp) {
  mnt->mnt_parent = mp.mnt;
  mnt->mnt_mountpoint = dget(mp.dent);
  mnt->attached = true;
  mp.mnt->children.push_back(mnt);
  mp.dent->d_mounted++;
  k.mount_generation++;
  k.mount_hashtable.insert<&vfsmount::mnt_hash_next>(mnt, m_hash_of(mnt), m_hash_of);
}

static void detach_mnt(Kernel& k, vfsmount* mnt) {
  k.mount_hashtable.remove<&vfsmount::mnt_hash_next>(mnt, m_hash_of(mnt));
  k.mount_generation++;
  auto& siblings = mnt->mnt_parent->children;
  siblings.erase(std::find(siblings.begin(), siblings.end(), mnt));
  mnt->mnt_mountpoint->d_mounted--;
  mnt->attached = false;
  mnt->mnt_sb->s_active--;
}

vfsmount* lookup_mnt(const path& p) {
  if (!d_mountpoint(p.dent)) return nullptr;
  KFRAME(lookup_mnt);
  Kernel& k = *p.dent->d_sb->kernel;
  // Chains are newest first: the most recent mount is on top.
  for (vfsmount* m = k.mount_hashtable.first(m_hash(p.mnt, p.dent)); m; m = m->mnt_hash_next)
    if (m->mnt_parent == p.mnt && m->mnt_mountpoint == p.dent) return m;
  return nullptr;
}

// Crosses every mount stacked on *p, to the top one. A fuzzer stacks
// hundreds of mounts on /tmp in a long run, and Linux's loop visits each on
// every walk through it; here the top is remembered on the first mount of
// the stack until the mount tree changes, which gives the same answer.
bool follow_mount(path* p) {
  vfsmount* first = d_mountpoint(p->dent) ? lookup_mnt(*p) : nullptr;
  if (!first) return false;
  Kernel& k = *p->dent->d_sb->kernel;
  if (first->mnt_top_gen != k.mount_generation) {
    vfsmount* top = first;
    while (d_mountpoint(top->mnt_root))
      if (vfsmount* m = lookup_mnt(path{top, top->mnt_root}))
        top = m;
      else
        break;
    first->mnt_top = top;
    first->mnt_top_gen = k.mount_generation;
  }
  *p = path{first->mnt_top, first->mnt_top->mnt_root};
  return true;
}

static bool mnt_busy(Kernel& k, vfsmount* mnt) {
  for (auto* t : k.tasks()) {
    if (t->fs && (t->fs->pwd.mnt == mnt || t->fs->root.mnt == mnt)) return true;
    if (t->files)
      for (auto* f : t->files->fd)
        if (f && f->f_path.mnt == mnt) return true;
  }
  return !mnt->children.empty();
}

// change_mount_flags(): a bind remount sets or clears this mount's read-only
// flag alone; making it read-only fails while it has writers
// (mnt_make_readonly()).
static int change_mount_flags(vfsmount* mnt, unsigned long ms_flags) {
  bool readonly_request = ms_flags & MS_RDONLY;
  if (readonly_request == __mnt_is_readonly(mnt)) return 0;
  if (readonly_request && mnt->mnt_writers > 0) return -EBUSY;
  mnt->mnt_flags = readonly_request ? mnt->mnt_flags | MS_RDONLY : mnt->mnt_flags & ~MS_RDONLY;
  return 0;
}

// 3.9's do_remount(): on the root of a mount only; MS_BIND changes the mount's
// flags, anything else remounts the superblock (every mount of it) and then
// the mount gets the call's per-mount flags (mnt_flags: here its read-only
// bit), so MS_REMOUNT without MS_RDONLY makes both writable again.
static int do_remount(const path& p, unsigned long flags, int mnt_flags) {
  if (p.dent != p.mnt->mnt_root) return -EINVAL;
  super_block* sb = p.mnt->mnt_sb;
  int err = (flags & MS_BIND) ? change_mount_flags(p.mnt, flags) : do_remount_sb(sb, flags);
  if (!err) p.mnt->mnt_flags = mnt_flags;
  return err;
}

int do_mount(Kernel& k, const char* dev_name, const char* dir_name, const char* type_page, unsigned long flags,
             const void* data) {
  KFRAME(do_mount);
  path mp;
  int err = user_path_at(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &mp);
  if (err) return err;
  // do_mount() separates the per-mount flags (of those kept here, MS_RDONLY
  // as MNT_READONLY) before choosing what to do.
  int mnt_flags = static_cast<int>(flags & MS_RDONLY);
  if (flags & MS_REMOUNT) return do_remount(mp, flags & ~MS_REMOUNT, mnt_flags);
  // lock_mount(): a new mount goes on top of whatever is mounted there
  // already (the walk does not follow mounts on "/" or a dfd's directory).
  follow_mount(&mp);
  if (flags & (MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) return -EINVAL;
  if (flags & MS_BIND) {
    KFRAME(do_loopback);
    path old;
    err = user_path_at(AT_FDCWD, dev_name, LOOKUP_FOLLOW, &old);
    if (err) return err;
    if (S_ISDIR_(mp.dent->d_inode->i_mode) != S_ISDIR_(old.dent->d_inode->i_mode)) return -ENOTDIR;
    if (!mp.dent->d_hashed && !IS_ROOT(mp.dent)) return -ENOENT;
    vfsmount* m = vfs_kern_mount(k, old.mnt->mnt_sb, old.dent);
    // clone_mnt(): the new mount has the old one's flags; do_loopback() is
    // not given the call's (a read-only bind is a bind, then a remount).
    m->mnt_flags = old.mnt->mnt_flags;
    attach_mnt(k, m, mp);
    return 0;
  }
  if (!type_page) return -EINVAL;
  std::string_view type;
  err = getname(type_page, &type);
  if (err) return err == -ENOENT ? -ENODEV : err;
  file_system_type* fst = get_fs_type(k, type);
  if (!fst || !fst->mount) return -ENODEV;
  if (!S_ISDIR_(mp.dent->d_inode->i_mode)) return -ENOTDIR;
  super_block* sb = fst->mount(k, fst, static_cast<int>(flags), dev_name, data);
  if (IS_ERR(sb)) return static_cast<int>(PTR_ERR(sb));
  vfsmount* m = vfs_kern_mount(k, sb, sb->s_root);
  m->mnt_flags = mnt_flags;
  attach_mnt(k, m, mp);
  return 0;
}

int do_umount(Kernel& k, const char* name, int flags) {
  KFRAME(do_umount);
  if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) return -EINVAL;
  if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH))) return -EINVAL;
  path p;
  int err = user_path_at(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
  if (err) return err;
  if (p.dent != p.mnt->mnt_root) return -EINVAL;
  if (!p.mnt->attached) return -EINVAL;  // the root mount, or already detached
  if (flags & MNT_EXPIRE) return -EAGAIN;
  if (!(flags & MNT_DETACH) && mnt_busy(k, p.mnt)) return -EBUSY;
  // Lazy umount detaches the whole subtree; its users keep their references.
  std::vector<vfsmount*> todo{p.mnt};
  while (!todo.empty()) {
    vfsmount* m = todo.back();
    todo.pop_back();
    for (auto* c : std::vector<vfsmount*>(m->children)) todo.push_back(c);
    if (m->attached) detach_mnt(k, m);
  }
  return 0;
}

long Kernel::sys_mount(const char* source, const char* target, const char* fstype, unsigned long flags,
                       const void* data) {
  SYSCALL_ENTER(mount);
  return syscall_exit(*this, do_mount(*this, source, target, fstype, flags, data));
}

long Kernel::sys_umount2(const char* target, int flags) {
  SYSCALL_ENTER(umount);
  return syscall_exit(*this, do_umount(*this, target, flags));
}

}  // namespace sk
