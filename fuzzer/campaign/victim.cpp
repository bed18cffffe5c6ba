#include "fuzzer/campaign/victim.h"

#include <cctype>

#include <fmt/format.h>

#include "simkernel/kernel.h"

namespace simtrinity {

namespace {

// A name as it may appear in a .prog, a report and a shell line unquoted:
// the POSIX portable filename characters.
bool portable(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 255) return false;
  for (unsigned char c : name)
    if (!(std::isalnum(c) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

// Whether "/name" exists once the kernel (booted with the default victim)
// has made its tree: init's first mkdirs and mounts, waited for from a task
// of our own (each syscall is a scheduling point, so init gets to run).
bool exists_at_boot(const std::string& name, const std::string& profile) {
  sk::KernelOptions ko;
  ko.profile = profile;
  ko.watchdog = false;  // nothing to detect, nothing to print
  sk::Kernel k(std::move(ko));
  bool exists = false;
  k.spawn("victim-check", [&] {
    sk::kstat st{};
    for (int i = 0; i < 100000 && k.sys_lstat("/proc/self", &st) != 0; i++) {
    }
    exists = k.sys_lstat(("/" + name).c_str(), &st) == 0;
    k.request_stop();
  });
  k.run();
  return exists;
}

}  // namespace

std::string check_victim(const std::string& victim, const std::string& profile) {
  const std::string name = victim.size() > 1 && victim[0] == '/' ? victim.substr(1) : "";
  if (!portable(name))
    return fmt::format(
        "bad victim directory {:?}: it must be a new name directly under / made of letters, digits, '.', '_', '-' "
        "(e.g. {})",
        victim, sk::kDefaultVictim);
  if (victim != sk::kDefaultVictim && exists_at_boot(name, profile))
    return fmt::format("bad victim directory {:?}: the kernel's boot tree already has it (e.g. {})", victim,
                       sk::kDefaultVictim);
  return "";
}

}  // namespace simtrinity
