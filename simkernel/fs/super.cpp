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

int mnt_want_write(vfsmount* mnt) {
  KFRAME(mnt_want_write);
  sb_start_write(mnt->mnt_sb);
  if (mnt->mnt_flags & MS_RDONLY || mnt->mnt_sb->s_flags & MS_RDONLY) {
    sb_end_write(mnt->mnt_sb);
    return -EROFS;
  }
  return 0;
}

void mnt_drop_write(vfsmount* mnt) {
  KFRAME(mnt_drop_write);
  sb_end_write(mnt->mnt_sb);
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
