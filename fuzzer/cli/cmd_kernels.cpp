// simtrinity kernels: the kernel profiles, one line each.
#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

void add_kernels_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("kernels", "List the kernel profiles (--kernel) and what differs between them");
  cmd->footer(
      "Examples:\n"
      "  simtrinity kernels\n"
      "  simtrinity run --kernel 3.9 -N 1000000\n");
  cmd->callback([&action] {
    action = []() -> int {
      for (const auto& p : sk::all_profiles())
        fmt::print("{:<14} {:<16} {}\n", p.name, p.release, p.summary);
      return 0;
    };
  });
}

}  // namespace simtrinity::cli
