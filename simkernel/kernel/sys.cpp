// kernel/sys.c: umask(2).
#include "simkernel/fs/vfs.h"
#include "simkernel/kernel/syscall.h"

namespace sk {

long Kernel::sys_umask(int mask) {
  SYSCALL_ENTER(umask);
  fs_struct* fs = current_task()->fs;
  long old = fs->umask;
  fs->umask = static_cast<umode_t>(mask) & S_IRWXUGO;
  return syscall_exit(*this, old);
}

}  // namespace sk
