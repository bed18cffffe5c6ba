// The proc_dir_entry tree and its inodes (fs/proc/generic.c, inode.c).
#include <cstring>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/net/net_namespace.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"

namespace sk {

constexpr unsigned PROC_DYNAMIC_FIRST = 0xF0000000U;

unsigned proc_alloc_inum(Kernel& k) {
  KFRAME(proc_alloc_inum);
  return PROC_DYNAMIC_FIRST + k.proc_inum_next++;
}

proc_dir_entry* PDE(const inode* i) { return static_cast<proc_dir_entry*>(i->i_private); }

proc_dir_entry* proc_create_entry(Kernel& k, proc_dir_entry* parent, const std::string& name, umode_t mode) {
  KFRAME(proc_register);
  auto* de = k.pde_cache.alloc();
  de->name = name;
  de->mode = mode;
  de->low_ino = proc_alloc_inum(k);
  de->parent = parent;
  if (S_ISDIR_(mode)) de->nlink = 2;
  if (parent) {
    parent->subdir[name] = de;
    if (S_ISDIR_(mode)) parent->nlink++;
    de->data = parent->data;
  }
  return de;
}

void proc_pin_entry(proc_dir_entry* de) {
  if (de->data) de->data->proc_pins++;
}

void proc_unpin_entry(Kernel& k, proc_dir_entry* de) {
  if (net* n = de->data)
    if (--n->proc_pins == 0 && n->dead) release_net(k, n);
}

void free_proc_subtree(Kernel& k, proc_dir_entry* de) {
  for (auto& [name, c] : de->subdir)
    if (c->parent == de) free_proc_subtree(k, c);
  k.pde_cache.free(de);
}

proc_dir_entry* proc_mkdir(Kernel& k, proc_dir_entry* parent, const std::string& name, net* data) {
  KFRAME(proc_mkdir_data);
  proc_dir_entry* de = proc_create_entry(k, parent, name, S_IFDIR | 0555);
  if (data) de->data = data;
  return de;
}

proc_dir_entry* proc_create_file(Kernel& k, proc_dir_entry* parent, const std::string& name,
                                 std::function<std::string(Kernel&, net*)> show, net* data) {
  KFRAME(proc_create_data);
  proc_dir_entry* de = proc_create_entry(k, parent, name, S_IFREG | 0444);
  de->show = std::move(show);
  if (data) de->data = data;
  return de;
}

proc_dir_entry* proc_symlink(Kernel& k, proc_dir_entry* parent, const std::string& name, const std::string& target) {
  proc_dir_entry* de = proc_create_entry(k, parent, name, S_IFLNK | 0777);
  de->link = target;
  return de;
}

namespace {

const char* proc_follow_link(dentry* d, nameidata*, std::string* buf) {
  *buf = PDE(d->d_inode)->link;
  return buf->c_str();
}

int proc_readlink(dentry* d, char* buf, int buflen) { return generic_readlink_text(PDE(d->d_inode)->link, buf, buflen); }

long proc_reg_read(file* f, char* buf, size_t count, loff_t* pos) {
  KFRAME(proc_reg_read);
  proc_dir_entry* de = PDE(f->f_inode);
  Kernel& k = *f->f_inode->i_sb->kernel;
  return proc_seq_read(f, buf, count, pos, [&] { return de->show ? de->show(k, de->data) : std::string(); });
}

int proc_reg_open(inode* i, file* f) {
  KFRAME(proc_reg_open);
  return 0;
}

dentry* proc_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_lookup);
  return proc_lookup_de(PDE(dir), dir, d);
}

int proc_readdir(file* f, dir_context* ctx) { return proc_readdir_de(PDE(f->f_inode), f, ctx, 0); }

const inode_operations proc_link_inode_operations = {.follow_link = proc_follow_link, .readlink = proc_readlink};
const inode_operations proc_file_inode_operations = {};
const file_operations proc_reg_file_ops = {.open = proc_reg_open, .read = proc_reg_read};

}  // namespace

const inode_operations proc_dir_inode_operations = {.lookup = proc_lookup};

bool proc_is_pde_inode(const inode* i) {
  return i->i_op == &proc_dir_inode_operations || i->i_op == &proc_link_inode_operations ||
         i->i_op == &proc_file_inode_operations;
}
const file_operations proc_dir_operations = {.readdir = proc_readdir};

long proc_seq_read(file* f, char* buf, size_t count, loff_t* pos, const std::function<std::string()>& make) {
  KFRAME(seq_read);
  if (!f->seq_filled) {
    f->seq_buf = make();
    f->seq_filled = true;
  }
  if (*pos >= static_cast<loff_t>(f->seq_buf.size())) return 0;
  size_t n = std::min(count, f->seq_buf.size() - static_cast<size_t>(*pos));
  std::memcpy(buf, f->seq_buf.data() + *pos, n);
  *pos += static_cast<loff_t>(n);
  return static_cast<long>(n);
}

static void proc_setup_inode(inode* i, proc_dir_entry* de) {
  i->i_private = de;
  inode_init_mode(i, de->mode);
  i->i_nlink = de->nlink;
  switch (de->mode & S_IFMT) {
    case S_IFDIR:
      i->i_op = &proc_dir_inode_operations;
      i->i_fop = &proc_dir_operations;
      break;
    case S_IFLNK:
      i->i_op = &proc_link_inode_operations;
      i->i_size = static_cast<loff_t>(de->link.size());
      break;
    default:
      i->i_op = &proc_file_inode_operations;
      i->i_fop = &proc_reg_file_ops;
      break;
  }
}

inode* proc_get_inode(super_block* sb, proc_dir_entry* de) {
  KFRAME(proc_get_inode);
  if (sb->kernel->prof().proc_unique_inodes) {
    // 3.9 (51f0885e5415): a fresh inode for every dentry.
    inode* i = new_inode_pseudo(sb);
    i->i_ino = de->low_ino;
    proc_setup_inode(i, de);
    proc_pin_entry(de);
    return i;
  }
  // 3.8: the inode cache keyed by the entry's inode number; every dentry
  // of the same entry gets the same inode.
  inode* i = iget_locked(sb, de->low_ino);
  if (i->i_state & I_NEW) {
    proc_setup_inode(i, de);
    proc_pin_entry(de);
    unlock_new_inode(i);
  }
  return i;
}

dentry* proc_lookup_de(proc_dir_entry* de, inode* dir, dentry* d) {
  KFRAME(proc_lookup_de);
  auto it = de->subdir.find(d->d_name);
  if (it == de->subdir.end()) return ERR_PTR<dentry>(-ENOENT);
  inode* i = proc_get_inode(dir->i_sb, it->second);
  d->d_fsdata = d->d_parent->d_fsdata;  // the owning pid, for revalidation
  d_add(d, i);
  return nullptr;
}

int proc_readdir_de(proc_dir_entry* de, file* f, dir_context* ctx, loff_t first) {
  KFRAME(proc_readdir_de);
  if (!dir_emit_dots(f, ctx)) return 0;
  const loff_t pos = ctx->pos;
  loff_t n = 2;
  for (auto& [name, child] : de->subdir) {
    if (n++ < pos) continue;
    if (!ctx->actor(ctx, name, n, child->low_ino, dt_type(child->mode))) return 0;
    ctx->pos = n;
  }
  return 0;
}

}  // namespace sk
