// Inodes and the inode cache (fs/inode.c). An inode lives while something
// references it (its dentries, one each); the last iput() evicts it, and
// iget_locked()'s cache (3.8's procfs) finds only inodes still in use, as
// with proc's generic_delete_inode.
#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

unsigned long get_next_ino(Kernel& k) { return ++k.last_ino; }

int64_t current_time_sec(Kernel& k) { return 1364000000 + static_cast<int64_t>(k.now_ns() / 1000000000ULL); }

static inode* alloc_inode(super_block* sb) {
  Kernel& k = *sb->kernel;
  auto* i = k.inode_cache.alloc();
  i->addr = k.kaddr.alloc(0x268);
  i->i_sb = sb;
  // i_mutex lives at a fixed offset inside struct inode, as in 3.8 (0xb8).
  mutex_init(&i->i_mutex, &sb->s_type->i_mutex_key, i->addr + 0xb8);
  i->i_atime = i->i_mtime = i->i_ctime = current_time_sec(k);
  i->i_count = 1;
  static_cast<KernelStats::fs_counts*>(sb->s_stats)->inode_allocs++;
  return i;
}

inode* new_inode_pseudo(super_block* sb) {
  KFRAME(new_inode_pseudo);
  return alloc_inode(sb);
}

inode* new_inode(super_block* sb) {
  KFRAME(new_inode);
  inode* i = new_inode_pseudo(sb);
  i->i_ino = get_next_ino(*sb->kernel);
  return i;
}

inode* iget_locked(super_block* sb, unsigned long ino) {
  KFRAME(iget_locked);
  auto& counts = *static_cast<KernelStats::fs_counts*>(sb->s_stats);
  auto it = sb->s_inode_hash.find(ino);
  if (it != sb->s_inode_hash.end()) {
    counts.icache_hits++;
    it->second->i_count++;
    return it->second;
  }
  counts.icache_misses++;
  inode* i = alloc_inode(sb);
  i->i_ino = ino;
  i->i_state = I_NEW;
  sb->s_inode_hash[ino] = i;
  return i;
}

inode* ihold(inode* i) {
  i->i_count++;
  return i;
}

void iput(inode* i) {
  if (--i->i_count > 0) return;
  super_block* sb = i->i_sb;
  Kernel& k = *sb->kernel;
  if (k.dying()) return;
  auto it = sb->s_inode_hash.find(i->i_ino);
  if (it != sb->s_inode_hash.end() && it->second == i) sb->s_inode_hash.erase(it);
  if (sb->s_evict_inode) sb->s_evict_inode(i);
  k.inode_cache.free(i);
}

void unlock_new_inode(inode* i) {
  KFRAME(unlock_new_inode);
  i->i_state &= ~I_NEW;
}

void inode_init_mode(inode* i, umode_t mode) {
  i->i_mode = mode;
  // lockdep_annotate_inode_mutex_key(): directories get their own class so
  // that parent/child nesting on directories is told apart from files.
  if (S_ISDIR_(mode)) lockdep_set_class(&i->i_mutex.dep_map, &i->i_sb->s_type->i_mutex_dir_key);
}

void generic_fillattr(inode* i, kstat* st) {
  st->dev = i->i_sb->s_dev;
  st->ino = i->i_ino;
  st->mode = i->i_mode;
  st->nlink = i->i_nlink;
  st->uid = i->i_uid;
  st->gid = i->i_gid;
  st->rdev = i->i_rdev;
  st->size = i->i_size;
  st->atime = i->i_atime;
  st->mtime = i->i_mtime;
  st->ctime = i->i_ctime;
}

}  // namespace sk
