// The simulated machine. A Kernel owns everything of one boot: tasks and their
// fibers, the scheduler and virtual clock, lockdep, the VFS, procfs and the
// network namespaces. Nothing is global, so kernels run side by side in
// threads and are thrown away after a run.
//
// Embedding: construct, spawn tasks whose bodies call the sys_* methods, run().
// Syscalls must be called from a task body (they act on `current`); they
// return what Linux returns inside the kernel: >= 0, or a negative errno.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <memory>
#include <string>
#include <vector>

#include "simkernel/base/hash.h"
#include "simkernel/base/hash_table.h"
#include "simkernel/base/kmem_cache.h"
#include "simkernel/base/kaddr.h"
#include "simkernel/debug/report.h"
#include "simkernel/kernel/task.h"
#include "simkernel/locking/lockdep.h"
#include "simkernel/profiles.h"
#include "simkernel/sched/sched_policy.h"
#include "simkernel/uapi.h"

namespace sk {

class Watchdog;
struct WatchdogOptions {
  bool wait_for_graph = true;
  bool no_runnable = true;
  bool hung_task = true;
  bool lockdep = true;
  bool vfs_invariants = true;
  unsigned hung_task_timeout_secs = 120;
  int style = 0;  // lock_dump_style: 0 seed, 1 v3x, 2 modern
};

struct file_system_type;
struct super_block;
struct vfsmount;
struct dentry;
struct inode;
struct proc_dir_entry;
struct proc_pid_inode;
struct net;
struct file;
struct fs_struct;
struct files_struct;

struct KernelOptions {
  std::string profile{kDefaultProfile};
  std::unique_ptr<SchedPolicy> policy;  // default: RandomPolicy(seed)
  uint64_t seed = 1;
  unsigned hz = 1000;
  size_t stack_size = 0;                // 0: a default that suits the build
  std::string victim{kDefaultVictim};  // the victim directory created at boot
  bool watchdog = true;                 // install the debug/ detectors
  WatchdogOptions watchdog_opts;
  int max_tasks = 64;                   // fork() fails with EAGAIN past this
};

// Why run() returned.
enum class run_end { all_exited, stopped, step_limit, stalled };

// Per-filesystem and per-syscall counters.
struct KernelStats {
  struct fs_counts {
    uint64_t icache_hits = 0, icache_misses = 0, inode_allocs = 0;
  };
  std::map<std::string, fs_counts> fs;        // by file_system_type name
  std::map<std::string, uint64_t> syscalls;   // by syscall name
  uint64_t dentries = 0;                      // dcache size (live dentries)
  uint64_t context_switches = 0;
  uint64_t sched_points = 0;
};

class KernelObserver {
 public:
  virtual ~KernelObserver() = default;
  virtual void task_blocked(task_struct& t) {}          // just marked D on t.blocked_on
  virtual void no_runnable_task() {}                    // nothing can run, before the clock jumps
  virtual void return_to_user(task_struct& t) {}        // a syscall is returning
  virtual void dentry_alias(inode& i, dentry& existing, dentry& added) {}  // d_instantiate on an inode with aliases
  virtual void task_exit(task_struct& t) {}
};

class Kernel {
 public:
  explicit Kernel(KernelOptions opts = {});
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  const profile& prof() const { return *profile_; }

  // ---- tasks and scheduling (kernel/, sched/)
  // A new user task forked from `parent` (init when null), sharing nothing
  // (a fork()); it runs `fn` and exits when fn returns.
  task_struct* spawn(std::string comm, TaskFn fn, task_struct* parent = nullptr);
  // A kernel thread (kthreadd's child): no user context, never "returns to user".
  task_struct* spawn_kthread(std::string comm, TaskFn fn);
  // Runs tasks until every user task has exited, request_stop(), `max_steps`
  // scheduling points, or nothing can ever run again.
  run_end run(uint64_t max_steps = UINT64_MAX);
  void request_stop() { stop_requested_ = true; }
  bool stop_requested() const { return stop_requested_; }
  std::vector<task_struct*> tasks() const;   // live tasks, pid order
  task_struct* find_task_by_pid(pid_t pid) const;
  task_struct* init_task() const { return init_; }

  void sched_point();              // a scheduling point: cond_resched()
  void schedule();                 // current stops being runnable: switch away
  void wake_up_process(task_struct* t);
  void schedule_timeout(uint64_t ns);  // sleep (TASK_INTERRUPTIBLE) in virtual time

  // ---- virtual time
  uint64_t now_ns() const { return now_ns_; }
  void advance_clock(uint64_t ns) { now_ns_ += ns; }
  uint64_t jiffies() const { return now_ns_ * hz_ / 1000000000ULL; }
  unsigned hz() const { return hz_; }

  // ---- debug
  Lockdep& lockdep() { return lockdep_; }
  Watchdog* watchdog() { return watchdog_.get(); }
  void add_observer(KernelObserver* o) { observers_.push_back(o); }
  const std::vector<KernelObserver*>& observers() const { return observers_; }
  void set_report_handler(std::function<void(const Report&)> h) { report_handler_ = std::move(h); }
  void report(const Report& r);    // from detectors: hand over, stop on fatal
  const std::vector<Report>& reports() const { return reports_; }
  KernelStats& stats() { return stats_; }
  // stats().syscalls[name], through a cache indexed by the syscall's
  // kallsyms symbol.
  uint64_t& syscall_counter(const char* name, int sym) {
    if (syscall_counters_.size() <= static_cast<size_t>(sym)) syscall_counters_.resize(sym + 1);
    uint64_t*& c = syscall_counters_[sym];
    if (!c) c = &stats_.syscalls[name];
    return *c;
  }
  // A hash of everything observable that happened (for determinism tests).
  uint64_t trace_hash() const { return trace_hash_; }
  void trace_mix(uint64_t v) { trace_hash_ = (trace_hash_ ^ v) * kFnv1aPrime; }

  // ---- syscalls (call from task context)
  long sys_open(const char* path, int flags, umode_t mode = 0);
  long sys_openat(int dfd, const char* path, int flags, umode_t mode = 0);
  long sys_creat(const char* path, umode_t mode);
  long sys_close(int fd);
  long sys_read(int fd, char* buf, size_t count);
  long sys_write(int fd, const char* buf, size_t count);
  long sys_getdents64(int fd, void* dirp, size_t count);
  long sys_mkdir(const char* path, umode_t mode);
  long sys_mkdirat(int dfd, const char* path, umode_t mode);
  long sys_rmdir(const char* path);
  long sys_unlink(const char* path);
  long sys_unlinkat(int dfd, const char* path, int flags);
  long sys_rename(const char* oldpath, const char* newpath);
  long sys_renameat(int olddfd, const char* oldpath, int newdfd, const char* newpath);
  long sys_renameat2(int olddfd, const char* oldpath, int newdfd, const char* newpath, unsigned flags);
  long sys_link(const char* oldpath, const char* newpath);
  long sys_linkat(int olddfd, const char* oldpath, int newdfd, const char* newpath, int flags);
  long sys_symlink(const char* target, const char* linkpath);
  long sys_symlinkat(const char* target, int newdfd, const char* linkpath);
  long sys_readlink(const char* path, char* buf, int bufsiz);
  long sys_readlinkat(int dfd, const char* path, char* buf, int bufsiz);
  long sys_stat(const char* path, kstat* st);
  long sys_lstat(const char* path, kstat* st);
  long sys_fstat(int fd, kstat* st);
  long sys_chdir(const char* path);
  long sys_fchdir(int fd);
  long sys_mount(const char* source, const char* target, const char* fstype, unsigned long flags, const void* data);
  long sys_umount2(const char* target, int flags);
  // The child runs `child` (or exits at once when empty), in a new task.
  long sys_clone(unsigned long flags, TaskFn child = {});
  long sys_fork(TaskFn child = {}) { return sys_clone(SIGCHLD_FLAG, std::move(child)); }
  long sys_unshare(unsigned long flags);
  long sys_setns(int fd, int nstype);
  [[noreturn]] void sys_exit(int code);
  long sys_getpid();
  long sys_umask(int mask);
  long sys_ioctl(int fd, unsigned int cmd, unsigned long arg);

  static constexpr unsigned long SIGCHLD_FLAG = 17;

  // ---- internals shared by the subsystems (not for embedders)
  KaddrAllocator kaddr;
  std::vector<file_system_type*> file_systems;  // register_filesystem() order
  vfsmount* root_mnt = nullptr;
  super_block* proc_sb = nullptr;
  vfsmount* proc_mnt = nullptr;
  proc_dir_entry* proc_root = nullptr;
  net* init_net = nullptr;
  std::vector<net*> net_namespaces;    // live ones, creation order
  unsigned long last_ino = 0;          // get_next_ino()
  unsigned proc_inum_next = 0;         // proc_alloc_inum()
  int next_net_id = 0;
  unsigned anon_dev_next = 1;
  // fs/dcache.c's dentry_hashtable, keyed by (parent, name hash).
  hash_table<dentry> dentry_hashtable;
  // fs/namespace.c's mount_hashtable, keyed by (parent mount, mountpoint).
  hash_table<vfsmount> mount_hashtable;
  uint64_t mount_generation = 1;  // bumped by every attach and detach
  // The dcache LRU of unused dentries, oldest first, and the bound past
  // which the shrinker prunes it (dentry-state's nr_unused).
  dentry* dentry_lru_head = nullptr;
  dentry* dentry_lru_tail = nullptr;
  size_t nr_dentry_unused = 0;
  size_t dcache_unused_max = 16384;

  // The object caches of the things that come and go within a run.
  kmem_cache<dentry> dentry_cache;
  kmem_cache<inode> inode_cache;
  kmem_cache<file> filp_cache;
  kmem_cache<fs_struct> fs_cachep;
  kmem_cache<files_struct> files_cachep;
  kmem_cache<nsproxy> nsproxy_cachep;
  kmem_cache<net> net_cachep;
  kmem_cache<proc_dir_entry> pde_cache;
  kmem_cache<proc_pid_inode> proc_pid_cache;

  template <typename T, typename... Args>
  T* kmalloc(Args&&... args) {
    auto p = std::make_unique<T>(std::forward<Args>(args)...);
    T* raw = p.get();
    arena_.push_back(Owned{raw, [](void* q) { delete static_cast<T*>(q); }});
    p.release();
    return raw;
  }

 private:
  friend struct SchedCore;
  void boot();
  task_struct* alloc_task(std::string comm, task_struct* parent);
  void start_task(task_struct* t, TaskFn fn);
  void task_main(task_struct* t);
  void switch_to_scheduler();
  void do_exit_current(int code);
  void reap(task_struct* t);
  void teardown();
  void enqueue(task_struct* t);
  void dequeue(task_struct* t);
  bool idle();
  bool user_tasks_alive() const;
  void wake_sleepers();

  struct Owned {
    void* p;
    void (*del)(void*);
  };

  const profile* profile_;
  std::unique_ptr<SchedPolicy> policy_;
  unsigned hz_;
  size_t stack_size_;
  int max_tasks_;
  std::string victim_;

  std::vector<Owned> arena_;
  kmem_cache<task_struct> task_struct_cachep;           // freed when reaped
  std::vector<task_struct*> runqueue_;                   // runnable, pid order
  std::vector<task_struct*> sleepers_;                   // interruptible with wake_at
  uint64_t next_wake_ = UINT64_MAX;                      // earliest wake_at of sleepers_
  task_struct* init_ = nullptr;
  task_struct* next_ = nullptr;     // chosen at a scheduling point, run next
  pid_t next_pid_ = 1;
  uint64_t now_ns_ = 0;
  uint64_t steps_ = 0;
  uint64_t step_limit_ = UINT64_MAX;
  std::vector<task_struct*> live_tasks_;                 // not yet reaped, pid order
  bool stop_requested_ = false;
  bool dying_ = false;
  bool in_run_ = false;

  Lockdep lockdep_;
  std::unique_ptr<Watchdog> watchdog_;
  std::vector<KernelObserver*> observers_;
  std::function<void(const Report&)> report_handler_;
  std::vector<Report> reports_;
  KernelStats stats_;
  std::vector<uint64_t*> syscall_counters_;
  uint64_t trace_hash_ = kFnv1aBasis;

 public:
  bool dying() const { return dying_; }
};

}  // namespace sk
