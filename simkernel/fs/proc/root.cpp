// The proc root: /proc/self, /proc/PID, /proc/net and (netns-symlink
// profile) /proc/netns-ID (fs/proc/root.c, self.c).
#include <fmt/format.h>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/fs/proc/proc_net.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"
#include "simkernel/net/net_namespace.h"

namespace sk {

namespace {

const char* proc_self_follow_link(dentry* d, nameidata*, std::string* buf) {
  KFRAME(proc_self_follow_link);
  *buf = std::to_string(current_task()->tgid);
  return buf->c_str();
}

int proc_self_readlink(dentry* d, char* buf, int buflen) {
  return generic_readlink_text(std::to_string(current_task()->tgid), buf, buflen);
}

const inode_operations proc_self_inode_operations = {.follow_link = proc_self_follow_link,
                                                     .readlink = proc_self_readlink};

dentry* proc_root_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_root_lookup);
  Kernel& k = *dir->i_sb->kernel;
  if (d->d_name == "self") {
    inode* i = new_inode_pseudo(dir->i_sb);
    i->i_ino = 0xF0000000U - 1;  // a fixed low inode, like PROC_SELF
    inode_init_mode(i, S_IFLNK | 0777);
    i->i_op = &proc_self_inode_operations;
    d_add(d, i);
    return nullptr;
  }
  if (k.prof().proc_net_symlink && d->d_name.rfind("netns-", 0) == 0) return proc_net_netns_lookup(dir, d);
  if (proc_lookup_de(PDE(dir), dir, d) == nullptr) return nullptr;
  return proc_pid_lookup(dir, d, flags);
}

int proc_root_readdir(file* f, dir_context* ctx) {
  Kernel& k = *f->f_inode->i_sb->kernel;
  int r = proc_readdir_de(k.proc_root, f, ctx, 0);
  if (r) return r;
  loff_t n = 2 + static_cast<loff_t>(k.proc_root->subdir.size());
  if (ctx->pos < n) return 0;  // the buffer filled up
  if (ctx->pos == n) {
    if (!ctx->actor(ctx, "self", n + 1, 0xF0000000U - 1, DT_LNK)) return 0;
    ctx->pos = n + 1;
  }
  n++;
  if (k.prof().proc_net_symlink) {
    r = proc_netns_readdir(f, ctx, n);
    if (r) return r;
    n += static_cast<loff_t>(k.net_namespaces.size());
    if (ctx->pos < n) return 0;
  }
  return proc_pid_readdir(f, ctx, n);
}

// proc_evict_inode(): an entry's inode unpins the entry, a pid inode frees
// its pid entry.
void proc_evict_inode(inode* i) {
  if (!i->i_private) return;  // /proc/self
  if (proc_is_pde_inode(i))
    proc_unpin_entry(*i->i_sb->kernel, PDE(i));
  else
    proc_pid_evict(i);
}

// 3.9's proc_root_getattr(): the entries' link count (2 + the
// subdirectories registered under /proc) plus nr_processes(), every task
// of the machine counting as a /proc/PID directory.
void proc_root_getattr(dentry* d, kstat* st) {
  Kernel& k = *d->d_sb->kernel;
  generic_fillattr(d->d_inode, st);
  unsigned tasks = 0;
  for (auto* t : k.tasks()) tasks += t->state != task_state::dead;
  st->nlink = k.proc_root->nlink + tasks;
}

const inode_operations proc_root_inode_operations = {.lookup = proc_root_lookup, .getattr = proc_root_getattr};
const file_operations proc_root_operations = {.readdir = proc_root_readdir};

}  // namespace

void proc_root_init(Kernel& k) {
  auto* root = k.pde_cache.alloc();
  root->name = "/proc";
  root->mode = S_IFDIR | 0555;
  root->nlink = 2;
  root->low_ino = 1;  // PROC_ROOT_INO
  k.proc_root = root;
  proc_create_file(k, root, "version", [](Kernel& kk, net*) {
    return fmt::format("Linux version {} (simtrinity) #1 SMP\n", kk.prof().release);
  });
  if (k.prof().has_netns)
    proc_symlink(k, root, "net", "self/net");  // 2.6.25+: /proc/net follows the reader's netns
}

super_block* proc_mount(Kernel& k, file_system_type* type, int flags, const char* dev_name, const void* data) {
  // One proc superblock per (pid) namespace: every mount shares it.
  if (k.proc_sb) return k.proc_sb;
  super_block* sb = alloc_super(k, type);
  sb->s_magic = 0x9fa0;  // PROC_SUPER_MAGIC
  sb->s_evict_inode = proc_evict_inode;
  inode* root = iget_locked(sb, k.proc_root->low_ino);
  root->i_private = k.proc_root;
  inode_init_mode(root, k.proc_root->mode);
  root->i_nlink = k.proc_root->nlink;
  root->i_op = &proc_root_inode_operations;
  root->i_fop = &proc_root_operations;
  unlock_new_inode(root);
  sb->s_root = d_make_root(root);
  k.proc_sb = sb;
  return sb;
}

}  // namespace sk
