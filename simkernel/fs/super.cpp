// Superblocks, filesystem registration and freeze protection (fs/super.c).
#include <algorithm>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

void register_filesystem(Kernel& k, file_system_type* type) { k.file_systems.push_back(type); }

file_system_type* get_fs_type(Kernel& k, std::string_view name) {
  for (auto* t : k.file_systems)
    if (name == t->name) return t;
  return nullptr;
}

super_block* alloc_super(Kernel& k, file_system_type* type) {
  auto* sb = k.kmalloc<super_block>();
  sb->kernel = &k;
  sb->addr = k.kaddr.alloc(0x600);
  sb->s_type = type;
  sb->s_stats = &k.stats().fs[type->name];
  sb->s_dev = k.anon_dev_next++;  // get_anon_bdev(): major 0, next minor
  mutex_init(&sb->s_vfs_rename_mutex, &type->s_vfs_rename_key, sb->addr + 0x1a8);
  for (int i = 0; i < SB_FREEZE_LEVELS; i++)
    percpu_init_rwsem(&sb->s_writers[i], &type->s_writers_key[i], sb->addr + 0x58 + i * 0x40);
  return sb;
}

// sb_start_write() and friends are inline in Linux and lockdep records
// _RET_IP_: the acquire site is the caller (mnt_want_write+0x24).
void sb_start_write(super_block* sb, int line) {
  percpu_down_read(&sb->s_writers[SB_FREEZE_WRITE], line);
}

bool sb_start_write_trylock(super_block* sb, int line) {
  return percpu_down_read_trylock(&sb->s_writers[SB_FREEZE_WRITE], line);
}

void sb_end_write(super_block* sb, int line) {
  percpu_up_read(&sb->s_writers[SB_FREEZE_WRITE], line);
}

bool __mnt_is_readonly(const vfsmount* mnt) { return mnt->mnt_flags & MS_RDONLY || mnt->mnt_sb->s_flags & MS_RDONLY; }

int __mnt_want_write(vfsmount* mnt) {
  KFRAME(__mnt_want_write);
  if (__mnt_is_readonly(mnt)) return -EROFS;
  mnt->mnt_writers++;
  return 0;
}

void __mnt_drop_write(vfsmount* mnt) { mnt->mnt_writers--; }

int mnt_want_write(vfsmount* mnt) {
  KFRAME(mnt_want_write);
  sb_start_write(mnt->mnt_sb);
  int err = __mnt_want_write(mnt);
  if (err) sb_end_write(mnt->mnt_sb);
  return err;
}

void mnt_drop_write(vfsmount* mnt) {
  KFRAME(mnt_drop_write);
  __mnt_drop_write(mnt);
  sb_end_write(mnt->mnt_sb);
}

// 3.9's do_remount_sb(), for the flags this simulation keeps (MS_RDONLY of
// MS_RMT_MASK): a frozen sb is busy; going read-only, so is one with a
// writer on any of its read-write mounts (sb_prepare_remount_readonly()).
// No filesystem here has a ->remount_fs that can fail: ramfs has none,
// procfs's and tmpfs's parse the (here absent) options.
int do_remount_sb(super_block* sb, unsigned long flags) {
  if (sb->s_frozen != SB_UNFROZEN) return -EBUSY;
  bool remount_ro = (flags & MS_RDONLY) && !(sb->s_flags & MS_RDONLY);
  if (remount_ro)
    for (const vfsmount* m : sb->s_mounts)
      if (!(m->mnt_flags & MS_RDONLY) && m->mnt_writers > 0) return -EBUSY;
  sb->s_flags = (sb->s_flags & ~MS_RDONLY) | static_cast<int>(flags & MS_RDONLY);
  return 0;
}

bool sb_can_freeze(const super_block* sb) { return sb->s_type->fs_flags & FS_SIM_FREEZABLE; }

int freeze_super(super_block* sb) {
  KFRAME(freeze_super);
  if (sb->s_frozen != SB_UNFROZEN) return -EBUSY;
  // Waits for every writer on the way in, level by level, and keeps the
  // write side across syscalls; lockdep forgets the owner meanwhile.
  for (int i = 0; i < SB_FREEZE_LEVELS; i++) percpu_down_write(&sb->s_writers[i]);
  for (int i = SB_FREEZE_LEVELS - 1; i >= 0; i--) percpu_rwsem_release_owner(&sb->s_writers[i]);
  sb->s_frozen = SB_FREEZE_COMPLETE;
  return 0;
}

int thaw_super(super_block* sb) {
  KFRAME(thaw_super);
  if (sb->s_frozen == SB_UNFROZEN) return -EINVAL;
  for (int i = 0; i < SB_FREEZE_LEVELS; i++) percpu_rwsem_acquire_owner(&sb->s_writers[i]);
  sb->s_frozen = SB_UNFROZEN;
  for (int i = SB_FREEZE_LEVELS - 1; i >= 0; i--) percpu_up_write(&sb->s_writers[i]);
  return 0;
}

}  // namespace sk
