// simtrinity syscalls: the syscall table.
#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "fuzzer/syscalls/syscall_table.h"
#include "fuzzer/util/diag.h"

namespace simtrinity::cli {

void add_syscalls_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("syscalls", "Print the syscall table (name, group, return kind, argument types)");
  cmd->footer(
      "Examples:\n"
      "  simtrinity syscalls\n"
      "  simtrinity syscalls -g ns\n");
  auto group = std::make_shared<std::string>();
  cmd->add_option("-g,--group", *group, "Only this group (vfs, ns, proc)");
  cmd->callback([&action, group] {
    action = [group]() -> int {
      Group g{};
      if (!group->empty() && !parse_group(*group, g))
        return util::Diag("syscalls").fail(fmt::format("unknown group '{}' (vfs, ns, proc)", *group));
      fmt::print("{:<12} {:<5} {:<4} {}\n", "syscall", "group", "ret", "arguments");
      for (const auto& e : syscall_table()) {
        if (!group->empty() && e.group != g) continue;
        std::string args;
        for (const auto& a : e.args) {
          if (!args.empty()) args += ", ";
          args += fmt::format("{}:{}", a.name, arg_type_name(a.type));
          if (a.type == ArgType::flags || a.type == ArgType::op) {
            std::string v;
            for (const auto& nv : a.values) v += (v.empty() ? "" : "|") + std::string(nv.name);
            args += "[" + v + "]";
          }
        }
        std::string notes;
        if (e.avoid) notes += " AVOID";
        if (e.sanitise) notes += fmt::format("  (sanitise: {})", e.sanitise);
        fmt::print("{:<12} {:<5} {:<4} {}{}\n", e.name, group_name(e.group), ret_kind_name(e.ret), args, notes);
      }
      return 0;
    };
  });
}

}  // namespace simtrinity::cli
