// /proc/PID and /proc/PID/task/TID (fs/proc/base.c): inodes made per lookup
// by proc_pid_make_inode(), revalidated against the task's liveness.
#include <fmt/format.h>

#include "simkernel/debug/kframe.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"
#include "simkernel/net/net_namespace.h"

namespace sk {

proc_pid_inode* PROC_PID(const inode* i) { return static_cast<proc_pid_inode*>(i->i_private); }

task_struct* get_proc_task(const inode* i) {
  return i->i_sb->kernel->find_task_by_pid(PROC_PID(i)->pid);
}

namespace {

struct pid_entry {
  const char* name;
  pid_entry_kind kind;
  umode_t mode;
};

// tgid_base_stuff / tid_base_stuff, the entries this simulation knows: of
// 3.9's (fs/proc/base.c), every directory (so /proc/PID's link count is
// 3.9's, 2 + pid_entry_count_dirs()) and the files and links the fuzzer
// uses. fdinfo, map_files and attr are there with their modes and no
// contents: what is in them (fd positions, mappings, LSM attributes) is out
// of scope. map_files is in tgid_base_stuff only (CONFIG_CHECKPOINT_RESTORE),
// attr needs CONFIG_SECURITY (on in the distribution kernels of 3.9's day).
const pid_entry tgid_base_stuff[] = {
    {"attr", pid_entry_kind::attr_dir, S_IFDIR | 0555},   {"cmdline", pid_entry_kind::cmdline, S_IFREG | 0444},
    {"cwd", pid_entry_kind::cwd, S_IFLNK | 0777},         {"exe", pid_entry_kind::exe, S_IFLNK | 0777},
    {"fd", pid_entry_kind::fd_dir, S_IFDIR | 0500},       {"fdinfo", pid_entry_kind::fdinfo_dir, S_IFDIR | 0500},
    {"map_files", pid_entry_kind::map_files_dir, S_IFDIR | 0500},
    {"net", pid_entry_kind::net_dir, S_IFDIR | 0555},     {"ns", pid_entry_kind::ns_dir, S_IFDIR | 0511},
    {"root", pid_entry_kind::root, S_IFLNK | 0777},       {"stat", pid_entry_kind::stat, S_IFREG | 0444},
    {"status", pid_entry_kind::status, S_IFREG | 0444},   {"task", pid_entry_kind::task_dir, S_IFDIR | 0555},
};

bool entry_visible(Kernel& k, const pid_entry& e, bool tid) {
  if (e.kind == pid_entry_kind::net_dir && (!k.prof().has_netns || (tid && !k.prof().proc_tid_net))) return false;
  if ((e.kind == pid_entry_kind::task_dir || e.kind == pid_entry_kind::map_files_dir) && tid) return false;
  return true;
}

umode_t entry_mode(Kernel& k, const pid_entry& e) {
  // Al Viro's design: /proc/PID/net is a symlink to the netns directory.
  if (e.kind == pid_entry_kind::net_dir && k.prof().proc_net_symlink) return S_IFLNK | 0777;
  return e.mode;
}

int pid_revalidate(dentry* d, unsigned flags) {
  KFRAME(proc_pid_revalidate);
  auto pid = static_cast<pid_t>(reinterpret_cast<intptr_t>(d->d_fsdata));
  if (!pid) return 1;
  return d->d_sb->kernel->find_task_by_pid(pid) ? 1 : 0;
}

dentry* proc_tgid_base_lookup(inode* dir, dentry* d, unsigned flags);
dentry* proc_task_lookup(inode* dir, dentry* d, unsigned flags);
dentry* proc_lookupfd(inode* dir, dentry* d, unsigned flags);
dentry* proc_ns_dir_lookup(inode* dir, dentry* d, unsigned flags);
dentry* proc_tgid_net_lookup(inode* dir, dentry* d, unsigned flags);
int proc_pident_readdir(file* f, dir_context* ctx);
int proc_task_readdir(file* f, dir_context* ctx);
int proc_fd_readdir(file* f, dir_context* ctx);
int proc_ns_readdir(file* f, dir_context* ctx);
int proc_tgid_net_readdir(file* f, dir_context* ctx);
void proc_tgid_net_getattr(dentry* d, kstat* st);
dentry* proc_empty_lookup(inode* dir, dentry* d, unsigned flags);
int proc_empty_readdir(file* f, dir_context* ctx);
const char* proc_pid_follow_link(dentry* d, nameidata* nd, std::string* buf);
int proc_pid_readlink(dentry* d, char* buf, int buflen);
long proc_pid_read(file* f, char* buf, size_t count, loff_t* pos);

const inode_operations proc_tgid_base_iops = {.lookup = proc_tgid_base_lookup};
const file_operations proc_tgid_base_fops = {.readdir = proc_pident_readdir};
const inode_operations proc_task_iops = {.lookup = proc_task_lookup};
const file_operations proc_task_fops = {.readdir = proc_task_readdir};
const inode_operations proc_fd_iops = {.lookup = proc_lookupfd};
const file_operations proc_fd_fops = {.readdir = proc_fd_readdir};
const inode_operations proc_ns_dir_iops = {.lookup = proc_ns_dir_lookup};
const file_operations proc_ns_dir_fops = {.readdir = proc_ns_readdir};
const inode_operations proc_net_iops = {.lookup = proc_tgid_net_lookup, .getattr = proc_tgid_net_getattr};
const inode_operations proc_empty_iops = {.lookup = proc_empty_lookup};
const file_operations proc_empty_fops = {.readdir = proc_empty_readdir};
const file_operations proc_net_fops = {.readdir = proc_tgid_net_readdir};
const inode_operations proc_pid_link_iops = {.follow_link = proc_pid_follow_link, .readlink = proc_pid_readlink};
const inode_operations proc_pid_file_iops = {};
const file_operations proc_pid_file_fops = {.read = proc_pid_read};
const file_operations proc_ns_file_fops = {};

inode* proc_pid_make_inode(super_block* sb, pid_t pid, pid_entry_kind kind, umode_t mode) {
  KFRAME(proc_pid_make_inode);
  Kernel& k = *sb->kernel;
  inode* i = new_inode(sb);
  auto* pi = k.proc_pid_cache.alloc();
  pi->kind = kind;
  pi->pid = pid;
  i->i_private = pi;
  inode_init_mode(i, mode);
  if (S_ISDIR_(mode)) i->i_nlink = 2;
  // Link counts as Linux computes them: /proc/PID (and task/TID) 2 + its
  // subdirectories (proc_pid_instantiate(), proc_task_instantiate():
  // pid_entry_count_dirs() over the table), task/ 2 + the threads
  // (proc_task_getattr(); one here, tasks are single-threaded); net/ is
  // its netns's (proc_tgid_net_getattr()).
  if (kind == pid_entry_kind::tgid_dir || kind == pid_entry_kind::tid_dir) {
    for (const auto& e : tgid_base_stuff)
      if (entry_visible(k, e, kind == pid_entry_kind::tid_dir) && S_ISDIR_(entry_mode(k, e))) i->i_nlink++;
  } else if (kind == pid_entry_kind::task_dir) {
    i->i_nlink = 3;
  }
  switch (kind) {
    case pid_entry_kind::tgid_dir:
    case pid_entry_kind::tid_dir:
      i->i_op = &proc_tgid_base_iops;
      i->i_fop = &proc_tgid_base_fops;
      break;
    case pid_entry_kind::task_dir:
      i->i_op = &proc_task_iops;
      i->i_fop = &proc_task_fops;
      break;
    case pid_entry_kind::fd_dir:
      i->i_op = &proc_fd_iops;
      i->i_fop = &proc_fd_fops;
      break;
    case pid_entry_kind::ns_dir:
      i->i_op = &proc_ns_dir_iops;
      i->i_fop = &proc_ns_dir_fops;
      break;
    case pid_entry_kind::net_dir:
      if (S_ISLNK_(mode)) {
        pi->kind = pid_entry_kind::net_link;
        i->i_op = &proc_pid_link_iops;
      } else {
        i->i_op = &proc_net_iops;
        i->i_fop = &proc_net_fops;
      }
      break;
    case pid_entry_kind::ns_file:
      i->i_fop = &proc_ns_file_fops;
      break;
    case pid_entry_kind::fdinfo_dir:
    case pid_entry_kind::map_files_dir:
    case pid_entry_kind::attr_dir:
      i->i_op = &proc_empty_iops;
      i->i_fop = &proc_empty_fops;
      break;
    case pid_entry_kind::status:
    case pid_entry_kind::cmdline:
    case pid_entry_kind::stat:
      i->i_op = &proc_pid_file_iops;
      i->i_fop = &proc_pid_file_fops;
      break;
    default:
      i->i_op = &proc_pid_link_iops;
      break;
  }
  return i;
}

// Instantiates `d` with a fresh pid inode and marks it for revalidation.
dentry* pid_instantiate(inode* dir, dentry* d, pid_t pid, pid_entry_kind kind, umode_t mode) {
  KFRAME(proc_pident_instantiate);
  inode* i = proc_pid_make_inode(dir->i_sb, pid, kind, mode);
  d->d_op = &pid_dentry_operations;
  d->d_fsdata = reinterpret_cast<void*>(static_cast<intptr_t>(pid));
  d_add(d, i);
  return nullptr;
}

dentry* proc_pident_lookup(inode* dir, dentry* d, bool tid) {
  KFRAME(proc_pident_lookup);
  Kernel& k = *dir->i_sb->kernel;
  if (!get_proc_task(dir)) return ERR_PTR<dentry>(-ENOENT);
  for (const auto& e : tgid_base_stuff)
    if (d->d_name == e.name && entry_visible(k, e, tid))
      return pid_instantiate(dir, d, PROC_PID(dir)->pid, e.kind, entry_mode(k, e));
  return ERR_PTR<dentry>(-ENOENT);
}

dentry* proc_tgid_base_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_tgid_base_lookup);
  return proc_pident_lookup(dir, d, PROC_PID(dir)->kind == pid_entry_kind::tid_dir);
}

bool parse_number(const std::string& s, long* out) {
  if (s.empty() || s.size() > 9) return false;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

dentry* proc_task_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_task_lookup);
  long tid;
  task_struct* t = get_proc_task(dir);
  // Simulated tasks are single-threaded: the only thread is the leader.
  if (!t || !parse_number(d->d_name, &tid) || tid != t->pid) return ERR_PTR<dentry>(-ENOENT);
  return pid_instantiate(dir, d, t->pid, pid_entry_kind::tid_dir, S_IFDIR | 0555);
}

dentry* proc_lookupfd(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_lookupfd);
  KFRAME(proc_lookupfd_common);
  long fd;
  task_struct* t = get_proc_task(dir);
  if (!t || !parse_number(d->d_name, &fd) || !t->files || static_cast<size_t>(fd) >= t->files->fd.size() ||
      !t->files->fd[fd])
    return ERR_PTR<dentry>(-ENOENT);
  pid_instantiate(dir, d, t->pid, pid_entry_kind::fd_link, S_IFLNK | 0700);
  PROC_PID(d->d_inode)->fd = static_cast<int>(fd);
  return nullptr;
}

dentry* proc_ns_dir_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_ns_dir_lookup);
  Kernel& k = *dir->i_sb->kernel;
  if (!get_proc_task(dir) || d->d_name != "net" || !k.prof().has_netns) return ERR_PTR<dentry>(-ENOENT);
  return pid_instantiate(dir, d, PROC_PID(dir)->pid, pid_entry_kind::ns_link, S_IFLNK | 0777);
}

// /proc/PID/net: the entries of the task's netns, through proc_get_inode().
dentry* proc_tgid_net_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_tgid_net_lookup);
  task_struct* t = get_proc_task(dir);
  if (!t || !t->nsp || !t->nsp->net_ns) return ERR_PTR<dentry>(-ENOENT);
  return proc_lookup_de(t->nsp->net_ns->proc_net, dir, d);
}

// 3.9's proc_tgid_net_getattr(): the link count is that of the task's
// netns's "net" proc_dir_entry (2 + its subdirectories), not the inode's.
void proc_tgid_net_getattr(dentry* d, kstat* st) {
  generic_fillattr(d->d_inode, st);
  task_struct* t = get_proc_task(d->d_inode);
  if (t && t->nsp && t->nsp->net_ns && t->nsp->net_ns->proc_net) st->nlink = t->nsp->net_ns->proc_net->nlink;
}

// fdinfo/, map_files/, attr/: a directory of a live task, with nothing in it.
dentry* proc_empty_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_pident_lookup);
  return ERR_PTR<dentry>(-ENOENT);
}

struct readdir_list {
  std::vector<std::pair<std::string, std::pair<uint64_t, unsigned>>> entries;
};

int emit_list(file* f, dir_context* ctx, const readdir_list& l) {
  if (!dir_emit_dots(f, ctx)) return 0;
  const loff_t pos = ctx->pos;
  loff_t n = 2;
  for (const auto& [name, it] : l.entries) {
    if (n++ < pos) continue;
    if (!ctx->actor(ctx, name, n, it.first, it.second)) return 0;
    ctx->pos = n;
  }
  return 0;
}

int proc_pident_readdir(file* f, dir_context* ctx) {
  Kernel& k = *f->f_inode->i_sb->kernel;
  if (!get_proc_task(f->f_inode)) return -ENOENT;
  bool tid = PROC_PID(f->f_inode)->kind == pid_entry_kind::tid_dir;
  readdir_list l;
  for (const auto& e : tgid_base_stuff)
    if (entry_visible(k, e, tid)) l.entries.push_back({e.name, {1, dt_type(entry_mode(k, e))}});
  return emit_list(f, ctx, l);
}

int proc_task_readdir(file* f, dir_context* ctx) {
  task_struct* t = get_proc_task(f->f_inode);
  if (!t) return -ENOENT;
  readdir_list l;
  l.entries.push_back({std::to_string(t->pid), {1, DT_DIR}});
  return emit_list(f, ctx, l);
}

int proc_fd_readdir(file* f, dir_context* ctx) {
  task_struct* t = get_proc_task(f->f_inode);
  if (!t) return -ENOENT;
  readdir_list l;
  if (t->files)
    for (size_t fd = 0; fd < t->files->fd.size(); fd++)
      if (t->files->fd[fd]) l.entries.push_back({std::to_string(fd), {1, DT_LNK}});
  return emit_list(f, ctx, l);
}

int proc_ns_readdir(file* f, dir_context* ctx) {
  if (!get_proc_task(f->f_inode)) return -ENOENT;
  readdir_list l;
  if (f->f_inode->i_sb->kernel->prof().has_netns) l.entries.push_back({"net", {1, DT_LNK}});
  return emit_list(f, ctx, l);
}

int proc_empty_readdir(file* f, dir_context* ctx) {
  if (!get_proc_task(f->f_inode)) return -ENOENT;
  return emit_list(f, ctx, readdir_list{});
}

int proc_tgid_net_readdir(file* f, dir_context* ctx) {
  task_struct* t = get_proc_task(f->f_inode);
  if (!t || !t->nsp || !t->nsp->net_ns) return -ENOENT;
  return proc_readdir_de(t->nsp->net_ns->proc_net, f, ctx, 0);
}

// Where a magic link points, or an error.
int pid_link_path(task_struct* t, proc_pid_inode* pi, path* out) {
  switch (pi->kind) {
    case pid_entry_kind::cwd:
      if (!t->fs) return -ENOENT;
      *out = t->fs->pwd;
      return 0;
    case pid_entry_kind::root:
      if (!t->fs) return -ENOENT;
      *out = t->fs->root;
      return 0;
    case pid_entry_kind::fd_link:
      if (!t->files || static_cast<size_t>(pi->fd) >= t->files->fd.size() || !t->files->fd[pi->fd]) return -ENOENT;
      *out = t->files->fd[pi->fd]->f_path;
      return 0;
    default:
      return -EINVAL;
  }
}

// Relative to the link's directory, so it resolves wherever proc is
// mounted: "../netns-N/net" from /proc/PID, "../../../netns-N/net" from
// /proc/PID/task/TID.
std::string net_link_target(const dentry* link, task_struct* t) {
  std::string up;
  for (const dentry* p = link->d_parent; p != link->d_sb->s_root; p = p->d_parent) up += "../";
  return fmt::format("{}netns-{}/net", up, t->nsp->net_ns->proc_inum);
}

const char* proc_pid_follow_link(dentry* d, nameidata* nd, std::string* buf) {
  KFRAME(proc_pid_follow_link);
  proc_pid_inode* pi = PROC_PID(d->d_inode);
  task_struct* t = get_proc_task(d->d_inode);
  if (!t) return ERR_PTR<const char>(-ENOENT);
  switch (pi->kind) {
    case pid_entry_kind::exe:
      if (t->exe.empty()) return ERR_PTR<const char>(-ENOENT);
      *buf = t->exe;
      return buf->c_str();
    case pid_entry_kind::net_link:
      *buf = net_link_target(d, t);
      return buf->c_str();
    case pid_entry_kind::ns_link: {
      KFRAME(proc_ns_follow_link);
      // Jump to an inode that stands for the namespace itself (nsfs).
      inode* i = proc_pid_make_inode(d->d_sb, t->pid, pid_entry_kind::ns_file, S_IFREG | 0444);
      PROC_PID(i)->ns = get_net(t->nsp->net_ns);  // the open file pins the namespace
      i->i_ino = t->nsp->net_ns->proc_inum;
      dentry* nd_d = d_alloc(d->d_parent, fmt::format("net:[{}]", t->nsp->net_ns->proc_inum));
      d_instantiate(nd_d, i);
      nd_jump_link(nd, path{nd->p.mnt, nd_d, path::adopt});  // unhashed: freed with its last user
      return nullptr;
    }
    default: {
      path p;
      int err = pid_link_path(t, pi, &p);
      if (err) return ERR_PTR<const char>(err);
      nd_jump_link(nd, p);
      return nullptr;
    }
  }
}

int proc_pid_readlink(dentry* d, char* buf, int buflen) {
  proc_pid_inode* pi = PROC_PID(d->d_inode);
  task_struct* t = get_proc_task(d->d_inode);
  if (!t) return -ENOENT;
  std::string target;
  switch (pi->kind) {
    case pid_entry_kind::exe:
      if (t->exe.empty()) return -ENOENT;
      target = t->exe;
      break;
    case pid_entry_kind::ns_link:
      target = fmt::format("net:[{}]", t->nsp->net_ns->proc_inum);
      break;
    case pid_entry_kind::net_link:
      target = net_link_target(d, t);
      break;
    default: {
      path p;
      int err = pid_link_path(t, pi, &p);
      if (err) return err;
      target = d_path(p, current_task()->fs->root);
    }
  }
  return generic_readlink_text(target, buf, buflen);
}

std::string pid_file_contents(task_struct* t, pid_entry_kind kind) {
  const char* state = t->state == task_state::uninterruptible ? "D (disk sleep)"
                      : t->state == task_state::interruptible ? "S (sleeping)"
                                                              : "R (running)";
  pid_t ppid = t->parent ? t->parent->pid : 0;
  switch (kind) {
    case pid_entry_kind::status:
      return fmt::format("Name:\t{}\nState:\t{}\nTgid:\t{}\nPid:\t{}\nPPid:\t{}\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n",
                         t->comm, state, t->tgid, t->pid, ppid);
    case pid_entry_kind::cmdline:
      return t->kthread ? std::string() : t->comm + std::string(1, '\0');
    default:
      return fmt::format("{} ({}) {} {} {} {} 0 -1 {}\n", t->pid, t->comm, state[0], ppid, t->pid, t->pid,
                         t->kthread ? 0x208040 : 0x400100);
  }
}

long proc_pid_read(file* f, char* buf, size_t count, loff_t* pos) {
  task_struct* t = get_proc_task(f->f_inode);
  if (!t) return -ESRCH;
  pid_entry_kind kind = PROC_PID(f->f_inode)->kind;
  return proc_seq_read(f, buf, count, pos, [&] { return pid_file_contents(t, kind); });
}

}  // namespace

const dentry_operations pid_dentry_operations = {.d_revalidate = pid_revalidate};

void proc_pid_evict(inode* i) {
  Kernel& k = *i->i_sb->kernel;
  proc_pid_inode* pi = PROC_PID(i);
  if (pi->ns) put_net(k, pi->ns);
  k.proc_pid_cache.free(pi);
}

net* proc_ns_file_net(const file* f) {
  inode* i = f->f_inode;
  if (i->i_fop != &proc_ns_file_fops) return nullptr;
  return PROC_PID(i)->ns;
}

dentry* proc_pid_lookup(inode* dir, dentry* d, unsigned flags) {
  KFRAME(proc_pid_lookup);
  long pid;
  if (!parse_number(d->d_name, &pid)) return ERR_PTR<dentry>(-ENOENT);
  task_struct* t = dir->i_sb->kernel->find_task_by_pid(static_cast<pid_t>(pid));
  if (!t) return ERR_PTR<dentry>(-ENOENT);
  return pid_instantiate(dir, d, t->pid, pid_entry_kind::tgid_dir, S_IFDIR | 0555);
}

int proc_pid_readdir(file* f, dir_context* ctx, loff_t first) {
  KFRAME(proc_pid_readdir);
  Kernel& k = *f->f_inode->i_sb->kernel;
  loff_t n = first;
  for (auto* t : k.tasks()) {
    if (t->state == task_state::dead) continue;
    if (n++ < ctx->pos) continue;
    if (!ctx->actor(ctx, std::to_string(t->pid), n, 1, DT_DIR)) return 0;
    ctx->pos = n;
  }
  return 0;
}

}  // namespace sk
