// procfs internals (fs/proc/internal.h). Two kinds of inodes, as in Linux:
// entries of the proc_dir_entry tree (/proc/version, the per-netns
// /proc/PID/net/* trees) come from proc_get_inode(); everything under
// /proc/PID is made per lookup by proc_pid_make_inode().
#pragma once
#include <functional>
#include <map>
#include <string>

#include "simkernel/fs/fs.h"

namespace sk {

struct net;
struct task_struct;

struct proc_dir_entry {
  unsigned low_ino = 0;
  std::string name;
  umode_t mode = 0;
  unsigned nlink = 1;
  proc_dir_entry* parent = nullptr;
  std::map<std::string, proc_dir_entry*> subdir;
  net* data = nullptr;                                  // the netns of a /proc/net entry
  std::string link;                                     // symlink target
  std::function<std::string(Kernel&, net*)> show;       // seq_file contents of a file
};

// What a /proc/PID inode stands for.
enum class pid_entry_kind { tgid_dir, tid_dir, task_dir, fd_dir, fd_link, ns_dir, ns_link, ns_file,
                            net_dir, net_link, cwd, root, exe, status, cmdline, stat,
                            fdinfo_dir, map_files_dir, attr_dir };

struct proc_pid_inode {
  pid_entry_kind kind;
  pid_t pid;
  int fd = -1;
  net* ns = nullptr;  // ns_file: the namespace an open /proc/PID/ns/net refers to
};

// ---- generic.c
unsigned proc_alloc_inum(Kernel& k);
// A proc inode over an entry of a namespace's /proc/net tree pins that tree
// (and the namespace's struct net): a dead namespace's tree goes when its
// last inode does, and answers lookups and reads until then, as it always
// did here. (Linux's remove_proc_entry() empties it at once instead.)
void proc_pin_entry(proc_dir_entry* de);
void proc_unpin_entry(Kernel& k, proc_dir_entry* de);
// Frees `de` and everything under it.
void free_proc_subtree(Kernel& k, proc_dir_entry* de);
bool proc_is_pde_inode(const inode* i);
proc_dir_entry* proc_create_entry(Kernel& k, proc_dir_entry* parent, const std::string& name, umode_t mode);
proc_dir_entry* proc_mkdir(Kernel& k, proc_dir_entry* parent, const std::string& name, net* data = nullptr);
proc_dir_entry* proc_create_file(Kernel& k, proc_dir_entry* parent, const std::string& name,
                                 std::function<std::string(Kernel&, net*)> show, net* data = nullptr);
proc_dir_entry* proc_symlink(Kernel& k, proc_dir_entry* parent, const std::string& name, const std::string& target);
inode* proc_get_inode(super_block* sb, proc_dir_entry* de);
dentry* proc_lookup_de(proc_dir_entry* de, inode* dir, dentry* d);
int proc_readdir_de(proc_dir_entry* de, file* f, dir_context* ctx, loff_t first);
extern const inode_operations proc_dir_inode_operations;
extern const file_operations proc_dir_operations;
proc_dir_entry* PDE(const inode* i);

// ---- base.c
dentry* proc_pid_lookup(inode* dir, dentry* d, unsigned flags);
int proc_pid_readdir(file* f, dir_context* ctx, loff_t first);
proc_pid_inode* PROC_PID(const inode* i);
// proc_evict_inode() for /proc/PID inodes: frees the pid entry (and drops
// the namespace an ns file pinned).
void proc_pid_evict(inode* i);
task_struct* get_proc_task(const inode* i);
extern const dentry_operations pid_dentry_operations;

// The namespace an open /proc/PID/ns/net file refers to, or nullptr.
net* proc_ns_file_net(const file* f);

// ---- proc_net.c
dentry* proc_net_netns_lookup(inode* dir, dentry* d);
int proc_netns_readdir(file* f, dir_context* ctx, loff_t first);

// ---- root.c
super_block* proc_mount(Kernel& k, file_system_type* type, int flags, const char* dev_name, const void* data);
void proc_root_init(Kernel& k);
long proc_seq_read(file* f, char* buf, size_t count, loff_t* pos, const std::function<std::string()>& make);

}  // namespace sk
