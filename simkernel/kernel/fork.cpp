// Task creation and exit, namespaces (kernel/fork.c, exit.c, nsproxy.c).
#include "simkernel/debug/watchdog.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"
#include "simkernel/net/net_namespace.h"
#include "simkernel/sched/fiber.h"

namespace sk {

task_struct::task_struct() = default;
task_struct::~task_struct() = default;

namespace {
// kernel/nsproxy.c: the last task of an nsproxy drops its namespaces.
void put_nsproxy(Kernel& k, nsproxy* nsp) {
  if (--nsp->count > 0 || k.dying()) return;
  put_net(k, nsp->net_ns);
  k.nsproxy_cachep.free(nsp);
}
}  // namespace

task_struct* Kernel::alloc_task(std::string comm, task_struct* parent) {
  task_struct* t = task_struct_cachep.alloc();
  t->kernel = this;
  t->addr = kaddr.alloc(0x1a40);  // sizeof(struct task_struct) on 3.8 x86_64 debug
  t->pid = t->tgid = next_pid_++;
  t->parent = parent;
  if (comm.size() > 15) comm.resize(15);  // TASK_COMM_LEN
  t->comm = std::move(comm);
  live_tasks_.push_back(t);
  return t;
}

// copy_process(): the new task shares or copies what `flags` say.
static long copy_process(Kernel& k, task_struct* parent, task_struct* child, unsigned long flags) {
  KFRAME(copy_process);
  if (flags & CLONE_FS) {
    child->fs = parent->fs;
    child->fs->users++;
  } else {
    child->fs = copy_fs_struct(k, parent->fs);
  }
  if (flags & CLONE_FILES) {
    child->files = parent->files;
    child->files->count++;
  } else {
    child->files = dup_fd(k, parent->files);
  }
  net* ns = copy_net_ns(k, flags, parent->nsp->net_ns);
  if (IS_ERR(ns)) return PTR_ERR(ns);
  if (flags & CLONE_NEWNET) {
    KFRAME(create_new_namespaces);
    child->nsp = k.nsproxy_cachep.alloc();
    child->nsp->net_ns = ns;
  } else {
    put_net(k, ns);  // copy_net_ns took a reference for sharing; nsproxy holds one already
    child->nsp = parent->nsp;
    child->nsp->count++;
  }
  child->exe = parent->exe;
  return 0;
}

task_struct* Kernel::spawn(std::string comm, TaskFn fn, task_struct* parent) {
  if (!parent) parent = init_;
  task_struct* t = alloc_task(std::move(comm), parent);
  task_struct* saved = current_task();
  set_current_task(parent);
  copy_process(*this, parent, t, SIGCHLD_FLAG);
  set_current_task(saved);
  start_task(t, std::move(fn));
  return t;
}

task_struct* Kernel::spawn_kthread(std::string comm, TaskFn fn) {
  task_struct* kthreadd = find_task_by_pid(2);
  task_struct* t = alloc_task(std::move(comm), kthreadd);
  t->kthread = true;
  t->fs = init_->fs;
  t->fs->users++;
  t->files = dup_fd(*this, nullptr);
  t->nsp = init_->nsp;
  t->nsp->count++;
  start_task(t, std::move(fn));
  return t;
}

void Kernel::do_exit_current(int code) {
  task_struct* t = current_task();
  {
    KFRAME(do_exit);
    for (auto* o : observers_) o->task_exit(*t);
    t->exit_code = code;
    if (t->files) put_files_struct(*this, t->files);
    if (t->fs) free_fs_struct(*this, t->fs);
    if (t->nsp) put_nsproxy(*this, t->nsp);
    t->files = nullptr;
    t->fs = nullptr;
    t->nsp = nullptr;
    // forget_original_parent(): the children go to init.
    for (task_struct* c : live_tasks_)
      if (c->parent == t) c->parent = init_;
  }
  t->state = task_state::dead;
  dequeue(t);
}

long Kernel::sys_clone(unsigned long flags, TaskFn child) {
  SYSCALL_ENTER(clone);
  KFRAME(do_fork);
  long r;
  task_struct* parent = current_task();
  if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
    r = -EINVAL;
  else if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
    r = -EINVAL;
  else if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
    r = -EINVAL;
  else if (flags & (CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUSER | CLONE_THREAD))
    r = -EINVAL;  // namespaces and threads this machine does not model
  else if (static_cast<int>(live_tasks_.size()) >= max_tasks_)
    r = -EAGAIN;
  else {
    task_struct* t = alloc_task(parent->comm, parent);
    r = copy_process(*this, parent, t, flags);
    if (r) {
      if (t->files) put_files_struct(*this, t->files);
      if (t->fs) free_fs_struct(*this, t->fs);
      t->state = task_state::dead;
      reap(t);
    } else {
      if (!child) child = [] {};
      start_task(t, std::move(child));
      r = t->pid;
    }
  }
  return syscall_exit(*this, r);
}

long Kernel::sys_unshare(unsigned long flags) {
  SYSCALL_ENTER(unshare);
  task_struct* t = current_task();
  constexpr unsigned long known = CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES |
                                  CLONE_SYSVSEM | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUSER |
                                  CLONE_NEWPID;
  long r = 0;
  if (flags & ~known) {
    r = -EINVAL;
  } else if (flags & (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID)) {
    r = -EINVAL;  // not modelled: as a kernel without CONFIG_*_NS
  } else {
    if (flags & CLONE_NEWNET) {
      KFRAME(unshare_nsproxy_namespaces);
      net* ns = copy_net_ns(*this, flags, t->nsp->net_ns);
      if (IS_ERR(ns)) {
        r = PTR_ERR(ns);
      } else {
        KFRAME(switch_task_namespaces);
        auto* nsp = nsproxy_cachep.alloc();
        nsp->net_ns = ns;
        put_nsproxy(*this, t->nsp);
        t->nsp = nsp;
      }
    }
    if (!r && (flags & CLONE_FS) && t->fs->users > 1) {
      fs_struct* n = copy_fs_struct(*this, t->fs);
      t->fs->users--;
      t->fs = n;
    }
    if (!r && (flags & CLONE_FILES) && t->files->count > 1) {
      files_struct* n = dup_fd(*this, t->files);
      t->files->count--;
      t->files = n;
    }
  }
  return syscall_exit(*this, r);
}

long Kernel::sys_setns(int fd, int nstype) {
  SYSCALL_ENTER(setns);
  if (!has_syscall(prof(), "setns")) return syscall_exit(*this, -ENOSYS);
  task_struct* t = current_task();
  fd_ref ref(fd);
  file* f = ref.ptr;
  long r = 0;
  net* target = nullptr;
  if (!f) {
    r = -EBADF;
  } else {
    target = proc_ns_file_net(f);
    if (!target)
      r = -EINVAL;
    else if (nstype && nstype != CLONE_NEWNET)
      r = -EINVAL;
  }
  if (!r) {
    KFRAME(switch_task_namespaces);
    auto* nsp = nsproxy_cachep.alloc();
    nsp->net_ns = get_net(target);
    put_nsproxy(*this, t->nsp);
    t->nsp = nsp;
  }
  return syscall_exit(*this, r);
}

void Kernel::sys_exit(int code) {
  KFRAME(sys_exit);
  syscall_entry(*this, "exit", ksym_index("sys_exit"), syscall_name_hash("exit"));
  throw TaskExit{code & 0xff};
}

long Kernel::sys_getpid() {
  SYSCALL_ENTER(getpid);
  return syscall_exit(*this, current_task()->tgid);
}

}  // namespace sk
