// simtrinity: a Trinity-style syscall fuzzer against an in-process simulated
// Linux kernel. This file only wires the subcommands together.
#include "fuzzer/cli/commands.h"

#include <cstdio>

#include "fuzzer/util/diag.h"
#include "fuzzer/util/input_files.h"
#include "fuzzer/util/version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "simtrinity: Trinity-style syscall fuzzing of a simulated Linux kernel.\n"
      "Finds the /proc/PID/net rename deadlock of Linux 2.6.25..3.8 from the kernel's own locking rules."};
  app.name("simtrinity");
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  app.set_version_flag("--version", "simtrinity " + std::string(simtrinity::util::kVersion));
  // Declared once, on the app: it bounds what every subcommand reads
  // (fuzzer/util/input_files.h), and fallthrough lets it follow the
  // subcommand's name like the subcommand's own flags.
  std::string max_input = std::to_string(simtrinity::util::kDefaultMaxInputSize >> 20) + "MiB";
  app.add_option("--max-input-size", max_input,
                 "Largest input file read, in bytes or with a unit (500k, 64MiB, 1G); a larger one is\n"
                 "refused with one line. Only regular files and - (standard input) are read")
      ->capture_default_str();
  app.fallthrough();
  simtrinity::cli::Action action;
  using namespace simtrinity::cli;
  for (auto add : {add_run_command, add_syscalls_command, add_kernels_command, add_triage_command,
                   add_repro_command, add_decode_command, add_minimize_command, add_merge_command})
    add(app, action);
  const simtrinity::util::Diag diag("");
  if (argc == 1) {
    diag.note(app.help());
    return simtrinity::util::kExitUsage;
  }
  if (argv[1][0] != '-') {
    std::string names;
    bool known = false;
    for (const auto* sub : app.get_subcommands({})) {
      known |= sub->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) return diag.fail(std::string("unknown command '") + argv[1] + "' (commands: " + names + "; see --help)");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return diag.fail(e.what());
  }
  uint64_t max_bytes = 0;
  if (!simtrinity::util::parse_size(max_input, max_bytes))
    return diag.fail("--max-input-size must be a size of at least 1 byte (4096, 500k, 64MiB), not '" + max_input + "'");
  simtrinity::util::set_max_input_size(max_bytes);
  return action ? action() : simtrinity::util::kExitUsage;
}
