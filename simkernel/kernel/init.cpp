// Boot (init/main.c and a minimal userspace init). Filesystem types register
// in Linux's order and init touches them in the order a real boot does, so
// lockdep's class numbering comes out as on a 3.8 machine: sb_writers of
// rootfs, sysfs and devtmpfs before proc's (proc gets sb_writers#4), and
// rootfs directories locked before proc's (proc gets i_mutex_dir_key#2).
#include "simkernel/debug/kframe.h"
#include "simkernel/debug/watchdog.h"
#include "simkernel/fs/proc/internal.h"
#include "simkernel/fs/ramfs/ramfs.h"
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel.h"
#include "simkernel/net/net_namespace.h"
#include "simkernel/sched/fiber.h"

namespace sk {

namespace {

// sysfs and devtmpfs: ramfs-like here, populated when mounted (their
// contents are made without going through VFS directory locks, as the
// real ones are).
super_block* sysfs_mount(Kernel& k, file_system_type* type, int flags, const char* dev, const void* data) {
  super_block* sb = ramfs_mount(k, type, flags, dev, data);
  dentry* kernel = ramfs_boot_mkdir(sb->s_root, "kernel");
  ramfs_boot_file(kernel, "uevent_helper", "/sbin/hotplug\n");
  ramfs_boot_mkdir(sb->s_root, "fs");
  return sb;
}

super_block* devtmpfs_mount(Kernel& k, file_system_type* type, int flags, const char* dev, const void* data) {
  super_block* sb = ramfs_mount(k, type, flags, dev, data);
  ramfs_boot_mknod(sb->s_root, "null", S_IFCHR | 0666, (1u << 8) | 3);
  ramfs_boot_mknod(sb->s_root, "zero", S_IFCHR | 0666, (1u << 8) | 5);
  dentry* udev = ramfs_boot_mkdir(sb->s_root, ".udev");
  ramfs_boot_file(udev, "queue", "");
  return sb;
}

file_system_type* new_type(Kernel& k, const char* name, int flags,
                           super_block* (*mount)(Kernel&, file_system_type*, int, const char*, const void*)) {
  auto* t = k.kmalloc<file_system_type>();
  t->name = name;
  t->fs_flags = flags;
  t->mount = mount;
  register_filesystem(k, t);
  return t;
}

void must(long r, const char* what) {
  if (r < 0) throw std::runtime_error(std::string("boot: ") + what + " failed");
}

}  // namespace

void Kernel::boot() {
  // register_filesystem() in do_basic_setup() order.
  new_type(*this, "sysfs", 0, sysfs_mount);
  file_system_type* rootfs = new_type(*this, "rootfs", 0, ramfs_mount);
  new_type(*this, "ramfs", 0, ramfs_mount);
  new_type(*this, "devtmpfs", 0, devtmpfs_mount);
  new_type(*this, "proc", 0, proc_mount);
  new_type(*this, "simfs", FS_SIM_FREEZABLE, ramfs_mount);

  proc_root_init(*this);
  init_net = setup_net(*this, true);

  // init_mount_tree(): rootfs at /.
  super_block* rsb = ramfs_mount(*this, rootfs, 0, "rootfs", nullptr);
  root_mnt = vfs_kern_mount(*this, rsb, rsb->s_root);
  ramfs_boot_file(ramfs_boot_mkdir(rsb->s_root, "sbin"), "init", "\177ELF");
  ramfs_boot_file(ramfs_boot_mkdir(rsb->s_root, "bin"), "trinity", "\177ELF");

  // pid 1 (init) and pid 2 (kthreadd), sharing init_net and the root.
  init_ = alloc_task("init", nullptr);
  init_->parent = init_;
  init_->exe = "/sbin/init";
  init_->fs = fs_cachep.alloc();
  init_->fs->root = init_->fs->pwd = path{root_mnt, rsb->s_root};
  init_->files = files_cachep.alloc();
  init_->nsp = nsproxy_cachep.alloc();
  init_->nsp->net_ns = init_net;
  task_struct* kthreadd = alloc_task("kthreadd", init_);
  kthreadd->kthread = true;
  kthreadd->state = task_state::interruptible;
  kthreadd->fs = init_->fs;
  kthreadd->fs->users++;
  kthreadd->files = dup_fd(*this, nullptr);
  kthreadd->nsp = init_->nsp;
  kthreadd->nsp->count++;

  if (watchdog_) watchdog_->start();

  // Userspace init: make the tree, mount the pseudo filesystems, poke them
  // as boot scripts do, then sleep forever.
  std::string victim = victim_;
  start_task(init_, [this, victim] {
    for (const char* d : {"/dev", "/tmp", "/proc", "/sys", "/etc"}) must(sys_mkdir(d, 0755), "mkdir");
    must(sys_mkdir(victim.c_str(), 0755), "mkdir victim");
    must(sys_mount("sysfs", "/sys", "sysfs", 0, nullptr), "mount sysfs");
    must(sys_mount("devtmpfs", "/dev", "devtmpfs", 0, nullptr), "mount devtmpfs");
    must(sys_mount("proc", "/proc", "proc", 0, nullptr), "mount proc");
    must(sys_mount("simfs", victim.c_str(), "simfs", 0, nullptr), "mount victim");
    long fd = sys_open("/sys/kernel/uevent_helper", O_WRONLY | O_TRUNC);
    must(fd, "open uevent_helper");
    must(sys_write(static_cast<int>(fd), "\n", 1), "write uevent_helper");
    sys_close(static_cast<int>(fd));
    fd = sys_open("/dev/.udev/queue", O_WRONLY);
    must(fd, "open udev queue");
    must(sys_write(static_cast<int>(fd), "\1", 1), "write udev queue");
    sys_close(static_cast<int>(fd));
    char buf[128];
    fd = sys_open("/proc/version", O_RDONLY);
    must(fd, "open /proc/version");
    sys_read(static_cast<int>(fd), buf, sizeof buf);
    sys_close(static_cast<int>(fd));
    current_task()->state = task_state::interruptible;
    schedule();  // forever: init waits for children that are reaped for it
  });
  run();
  // Statistics and step budgets count the embedder's workload, not boot.
  stats_.syscalls.clear();
  syscall_counters_.clear();
  steps_ = 0;
}

}  // namespace sk
