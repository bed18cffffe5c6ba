// ramfs (fs/ramfs/inode.c + fs/libfs.c): the root filesystem, /tmp, /dev
// and the victim directory. Everything lives in the dcache; a lookup miss is
// a negative dentry (simple_lookup).
#pragma once
#include "simkernel/fs/fs.h"

namespace sk {

super_block* ramfs_mount(Kernel& k, file_system_type* type, int flags, const char* dev_name, const void* data);
// Boot-time population (fill_super style: no VFS locks taken).
inode* ramfs_get_inode(super_block* sb, const inode* dir, umode_t mode, uint64_t dev);
dentry* ramfs_boot_mkdir(dentry* parent, const std::string& name);
dentry* ramfs_boot_mknod(dentry* parent, const std::string& name, umode_t mode, uint64_t dev);
dentry* ramfs_boot_file(dentry* parent, const std::string& name, const std::string& contents);

}  // namespace sk
