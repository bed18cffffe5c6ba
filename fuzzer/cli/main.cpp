// simtrinity: a Trinity-style syscall fuzzer against an in-process simulated
// Linux kernel. This file only wires the subcommands together.
#include "fuzzer/cli/commands.h"

#include <cstdio>

int main(int argc, char** argv) {
  CLI::App app{
      "simtrinity: Trinity-style syscall fuzzing of a simulated Linux kernel.\n"
      "Finds the /proc/PID/net rename deadlock of Linux 2.6.25..3.8 from the kernel's own locking rules."};
  app.name("simtrinity");
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  simtrinity::cli::Action action;
  using namespace simtrinity::cli;
  for (auto add : {add_run_command, add_syscalls_command, add_kernels_command, add_triage_command,
                   add_repro_command, add_decode_command, add_minimize_command})
    add(app, action);
  if (argc == 1) {
    std::fputs(app.help().c_str(), stderr);
    return 2;
  }
  if (argv[1][0] != '-') {
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) known |= sub->get_name() == argv[1];
    if (!known) {
      std::fprintf(stderr, "simtrinity: unknown command '%s' (commands: run, syscalls, kernels, triage, repro, decode, minimize; see --help)\n", argv[1]);
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "simtrinity: %s\n", e.what());
    return 2;
  }
  return action ? action() : 2;
}
