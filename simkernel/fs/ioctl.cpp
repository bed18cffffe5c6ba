// ioctl(2) (fs/ioctl.c): FIFREEZE and FITHAW; everything else is -ENOTTY.
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"

namespace sk {

namespace {
int ioctl_fsfreeze(file* f) {
  KFRAME(ioctl_fsfreeze);
  super_block* sb = f->f_inode->i_sb;
  if (!sb_can_freeze(sb)) return -EOPNOTSUPP;
  return freeze_super(sb);
}

int ioctl_fsthaw(file* f) {
  KFRAME(ioctl_fsthaw);
  return thaw_super(f->f_inode->i_sb);
}
}  // namespace

long Kernel::sys_ioctl(int fd, unsigned int cmd, unsigned long arg) {
  SYSCALL_ENTER(ioctl);
  KFRAME(do_vfs_ioctl);
  fd_ref ref(fd);
  file* f = ref.ptr;
  long r;
  if (!f)
    r = -EBADF;
  else if (cmd == FIFREEZE)
    r = ioctl_fsfreeze(f);
  else if (cmd == FITHAW)
    r = ioctl_fsthaw(f);
  else
    r = -ENOTTY;
  return syscall_exit(*this, r);
}

}  // namespace sk
