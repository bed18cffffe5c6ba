// The dentry cache (fs/dcache.c). Lookups go through dentry_hashtable,
// keyed by (parent, full_name_hash(name)) as d_hash() keys it, comparing
// names as string views; each parent also keeps its hashed children sorted
// by name, so readdir is deterministic.
//
// Lifetimes as dget()/dput() keep them: a dentry holds a reference on its
// parent and on its inode; used ones are pinned by their users (paths in
// walks, files, fs_structs, mounts; ramfs pins its positive dentries as
// Linux's does), unused hashed ones sit on the LRU, pruned oldest first
// once more than dcache_unused_max wait there, and an unhashed one is
// freed as soon as its last reference goes.
#include <algorithm>
#include <cstring>

#include "simkernel/base/hash.h"
#include "simkernel/debug/kframe.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

namespace {

// d_hash(): the parent's (simulated, deterministic) address mixed with the
// name's hash.
uint64_t d_hash(const dentry* parent, uint64_t name_hash) { return name_hash ^ (parent->addr >> 6); }
uint64_t d_hash_of(const dentry* d) { return d_hash(d->d_parent, d->d_name_hash); }

bool name_less(const dentry* a, std::string_view b) { return a->d_name < b; }

void children_remove(dentry* d) {
  auto& c = d->d_parent->d_subdirs;
  auto it = std::lower_bound(c.begin(), c.end(), std::string_view(d->d_name), name_less);
  for (; it != c.end() && (*it)->d_name == d->d_name; ++it)
    if (*it == d) {
      c.erase(it);
      return;
    }
}

}  // namespace

// Word at a time, as Linux's full_name_hash() with DCACHE_WORD_ACCESS: eight
// bytes per multiply, the tail zero-padded, the length mixed in.
uint64_t full_name_hash(std::string_view name) {
  const char* p = name.data();
  size_t n = name.size();
  uint64_t h = kFnv1aBasis ^ n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 32;
  }
  // The tail assembled in a register (little-endian, as the memcpy of the
  // words above): copied through memory, it was read back as one word just
  // after narrower stores, a store-forwarding stall on every lookup.
  uint64_t w = 0;
  for (size_t i = 0; i < n; i++) w |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
  return h ^ (h >> 29);
}

static dentry* alloc_dentry(super_block* sb, dentry* parent, std::string_view name) {
  Kernel& k = *sb->kernel;
  auto* d = k.dentry_cache.alloc();
  d->addr = k.kaddr.alloc(0xc0);
  d->d_name = name;
  d->d_name_hash = full_name_hash(name);
  d->d_parent = parent ? dget(parent) : d;
  d->d_sb = sb;
  d->d_count = 1;
  if (parent) d->d_op = parent->d_op;
  k.stats().dentries++;
  return d;
}

namespace {

void lru_del(Kernel& k, dentry* d) {
  if (!d->d_on_lru) return;
  (d->d_lru_prev ? d->d_lru_prev->d_lru_next : k.dentry_lru_head) = d->d_lru_next;
  (d->d_lru_next ? d->d_lru_next->d_lru_prev : k.dentry_lru_tail) = d->d_lru_prev;
  d->d_lru_prev = d->d_lru_next = nullptr;
  d->d_on_lru = false;
  k.nr_dentry_unused--;
}

void lru_add(Kernel& k, dentry* d) {
  d->d_lru_prev = k.dentry_lru_tail;
  d->d_lru_next = nullptr;
  (k.dentry_lru_tail ? k.dentry_lru_tail->d_lru_next : k.dentry_lru_head) = d;
  k.dentry_lru_tail = d;
  d->d_on_lru = true;
  k.nr_dentry_unused++;
}

// dentry_kill(): an unused dentry leaves the hash, its inode's aliases and
// its parent, and is freed. Returns the parent, whose reference the caller
// drops (null for a root).
dentry* dentry_kill(dentry* d) {
  Kernel& k = *d->d_sb->kernel;
  lru_del(k, d);
  d_drop(d);
  if (inode* i = d->d_inode) {
    auto it = std::find(i->i_dentry.begin(), i->i_dentry.end(), d);
    if (it != i->i_dentry.end()) i->i_dentry.erase(it);
    d->d_inode = nullptr;
    iput(i);
  }
  dentry* parent = IS_ROOT(d) ? nullptr : d->d_parent;
  k.dentry_cache.free(d);
  k.stats().dentries--;
  return parent;
}

// Drops the last reference of `d` and then of each parent it leaves unused.
void dput_final(Kernel& k, dentry* d) {
  while (d) {
    if (d->d_hashed) {
      lru_add(k, d);
      return;
    }
    d = dentry_kill(d);
    if (d && --d->d_count > 0) return;
  }
}

}  // namespace

dentry* dget(dentry* d) {
  if (d->d_count++ == 0) lru_del(*d->d_sb->kernel, d);
  return d;
}

void dput(dentry* d) {
  if (--d->d_count > 0) return;
  Kernel& k = *d->d_sb->kernel;
  if (k.dying()) return;  // teardown frees everything at once
  dput_final(k, d);
  if (k.nr_dentry_unused > k.dcache_unused_max) prune_dcache(k, k.dcache_unused_max * 3 / 4);
}

void prune_dcache(Kernel& k, size_t keep) {
  while (k.nr_dentry_unused > keep) {
    dentry* d = k.dentry_lru_head;
    dentry* parent = dentry_kill(d);
    if (parent && --parent->d_count == 0) dput_final(k, parent);
  }
}


dentry* d_make_root(inode* root) {
  dentry* d = alloc_dentry(root->i_sb, nullptr, "/");
  d_instantiate(d, root);
  d->d_hashed = true;
  return d;
}

dentry* d_alloc(dentry* parent, std::string_view name) {
  KFRAME(d_alloc);
  return alloc_dentry(parent->d_sb, parent, name);
}

dentry* d_lookup(dentry* parent, std::string_view name) {
  KFRAME(d_lookup);
  Kernel& k = *parent->d_sb->kernel;
  uint64_t hash = full_name_hash(name);
  for (dentry* d = k.dentry_hashtable.first(d_hash(parent, hash)); d; d = d->d_hash_next)
    if (d->d_name_hash == hash && d->d_parent == parent && d->d_name == name) return dget(d);
  return nullptr;
}

void d_instantiate(dentry* d, inode* i) {
  KFRAME(d_instantiate);
  d->d_inode = i;
  if (!i) return;
  if (!i->i_dentry.empty()) {
    dentry* existing = i->i_dentry.front();
    for (auto* o : i->i_sb->kernel->observers()) o->dentry_alias(*i, *existing, *d);
  }
  i->i_dentry.push_back(d);
}

void d_rehash(dentry* d) {
  if (d->d_hashed) return;
  // A hashed dentry of the same name is replaced (it can only be stale).
  if (dentry* old = d_lookup(d->d_parent, d->d_name)) {
    d_drop(old);
    dput(old);
  }
  d->d_sb->kernel->dentry_hashtable.insert<&dentry::d_hash_next>(d, d_hash_of(d), d_hash_of);
  auto& c = d->d_parent->d_subdirs;
  c.insert(std::upper_bound(c.begin(), c.end(), d,
                            [](const dentry* a, const dentry* b) { return a->d_name < b->d_name; }),
           d);
  d->d_hashed = true;
}

void d_add(dentry* d, inode* i) {
  KFRAME(d_add);
  d_instantiate(d, i);
  d_rehash(d);
}

dentry* d_splice_alias(inode* i, dentry* d) {
  KFRAME(d_splice_alias);
  d_add(d, i);
  return nullptr;
}

void d_drop(dentry* d) {
  if (!d->d_hashed) return;
  if (IS_ROOT(d)) {  // a root is "hashed" without being in the table
    d->d_hashed = false;
    return;
  }
  d->d_sb->kernel->dentry_hashtable.remove<&dentry::d_hash_next>(d, d_hash_of(d));
  children_remove(d);
  d->d_hashed = false;
}

void d_delete(dentry* d) {
  KFRAME(d_delete);
  // The last link is gone: the dentry leaves the hash and its inode's alias list.
  if (inode* i = d->d_inode) {
    auto it = std::find(i->i_dentry.begin(), i->i_dentry.end(), d);
    if (it != i->i_dentry.end()) i->i_dentry.erase(it);
  }
  d_drop(d);
}

void d_move(dentry* d, dentry* target) {
  KFRAME(d_move);
  d_drop(d);
  if (target->d_inode) d_delete(target);
  d_drop(target);
  d->d_name = target->d_name;
  d->d_name_hash = target->d_name_hash;
  dentry* old_parent = d->d_parent;
  d->d_parent = dget(target->d_parent);
  d_rehash(d);
  dput(old_parent);
}

void d_exchange(dentry* a, dentry* b) {
  KFRAME(d_move);
  d_drop(a);
  d_drop(b);
  std::swap(a->d_name, b->d_name);
  std::swap(a->d_name_hash, b->d_name_hash);
  std::swap(a->d_parent, b->d_parent);
  d_rehash(a);
  d_rehash(b);
}

bool IS_ROOT(const dentry* d) { return d->d_parent == d; }
bool d_mountpoint(const dentry* d) { return d->d_mounted > 0; }

dentry* d_ancestor(dentry* p1, dentry* p2) {
  KFRAME(d_ancestor);
  for (dentry* p = p2; !IS_ROOT(p); p = p->d_parent)
    if (p->d_parent == p1) return p;
  return nullptr;
}

std::string d_path(const path& p, const path& root) {
  std::vector<const std::string*> parts;
  vfsmount* mnt = p.mnt;
  dentry* d = p.dent;
  bool reachable = true;
  while (!(d == root.dent && mnt == root.mnt)) {
    if (d == mnt->mnt_root || IS_ROOT(d)) {
      if (mnt->mnt_parent == mnt || !mnt->attached) {
        reachable = false;
        break;
      }
      d = mnt->mnt_mountpoint;
      mnt = mnt->mnt_parent;
      continue;
    }
    parts.push_back(&d->d_name);
    d = d->d_parent;
  }
  std::string out = reachable ? "" : "(unreachable)";
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + **it;
  if (out.empty() || out == "(unreachable)") out += "/";
  if (!p.dent->d_hashed && !IS_ROOT(p.dent)) out += " (deleted)";
  return out;
}

}  // namespace sk
