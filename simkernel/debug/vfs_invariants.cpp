#include "simkernel/debug/vfs_invariants.h"

#include <algorithm>
#include <fmt/format.h>

#include "simkernel/debug/lock_dump.h"
#include "simkernel/debug/splat.h"
#include "simkernel/debug/stack_trace.h"
#include "simkernel/fs/vfs.h"

namespace sk::debug {

namespace {

bool under(const dentry* d, const dentry* root) {
  for (;; d = d->d_parent) {
    if (d == root) return true;
    if (d->d_parent == d) return false;
  }
}

// The first mount (depth first, in mount order) that shows `d`.
vfsmount* mount_of(vfsmount* m, const dentry& d) {
  if (!m) return nullptr;
  if (m->mnt_sb == d.d_sb && under(&d, m->mnt_root)) return m;
  for (vfsmount* c : m->children)
    if (vfsmount* found = mount_of(c, d)) return found;
  return nullptr;
}

// No mount shows it: the path inside its filesystem.
std::string fs_relative_path(const dentry& d) {
  std::vector<const std::string*> parts;
  for (const dentry* p = &d; p->d_parent != p; p = p->d_parent) parts.push_back(&p->d_name);
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + **it;
  return out.empty() ? "/" : out;
}

}  // namespace

std::string dentry_path(Kernel& k, dentry& d) {
  task_struct* t = current_task();
  path root = t && t->fs ? t->fs->root : path{};
  if (!root.mnt && k.root_mnt) root = path{k.root_mnt, k.root_mnt->mnt_root};
  vfsmount* m = root.mnt ? mount_of(k.root_mnt, d) : nullptr;
  if (!m) return fmt::format("{}:{}", d.d_sb->s_type->name, fs_relative_path(d));
  std::string s = d_path(path{m, &d}, root);
  constexpr std::string_view deleted = " (deleted)";
  if (!d.d_hashed && s.ends_with(deleted)) s.resize(s.size() - deleted.size());
  return s;
}

void VfsInvariants::dentry_alias(inode& i, dentry& existing, dentry& added) {
  if (!opts_.vfs_invariants || k_.dying() || !S_ISDIR_(i.i_mode)) return;
  if (std::find(reported_.begin(), reported_.end(), i.addr) != reported_.end()) return;
  reported_.push_back(i.addr);

  const lock_dump_style ss = splat_style(static_cast<lock_dump_style>(opts_.style));
  task_struct* t = current_task();
  std::string text = splat_header(k_, "WARNING: directory inode with several dentries");
  text += "WE CAN NOT HAVE SEVERAL DENTRIES OVER THE SAME DIRECTORY INODE\n";
  std::vector<dentry*> aliases = i.i_dentry;
  if (std::find(aliases.begin(), aliases.end(), &existing) == aliases.end()) aliases.insert(aliases.begin(), &existing);
  aliases.push_back(&added);
  text += fmt::format("directory inode {} on {} ({:016x}) gets dentry #{}:\n", i.i_ino, i.i_sb->s_type->name, i.addr,
                      aliases.size());
  for (dentry* d : aliases)
    text += fmt::format(" dentry {:016x}: {}{}\n", d->addr, dentry_path(k_, *d), d == &added ? " (new)" : "");

  Report r;
  std::vector<trace_frame> frames;
  if (t) {
    frames = task_trace(*t, trace_top::none);
    text += "\nother info that might help us debug this:\n";
    text += print_held_locks(*t, ss);
    text += stack_backtrace(k_, *t, frames, ss);
    r.tasks = {t->pid};
    add_trace(r, frames);
  }
  text += '\n';
  text += show_all_locks(k_, static_cast<lock_dump_style>(opts_.style));
  r.detector = "vfs-invariants";
  r.fatal = false;
  r.text = std::move(text);
  k_.report(r);
}

}  // namespace sk::debug
