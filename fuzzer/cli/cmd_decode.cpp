// simtrinity decode: a libFuzzer input as the text program it runs.
#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "fuzzer/prog/inputs.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/input_files.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

void add_decode_command(CLI::App& app, Action& action) {
  struct Args {
    std::string path, kernel{sk::kDefaultProfile};
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("decode", "Print a libFuzzer input (raw bytes) as a text program");
  cmd->footer(
      "The input is run once, as simkernel_fuzzer runs it, recording the calls each child makes\n"
      "and the schedule taken; the program replays the same run (simtrinity repro).\n\n"
      "Example:\n"
      "  simtrinity decode build-fuzz/simkernel_fuzzer-crash-0123abcd > crash.prog");
  cmd->add_option("file", a->path, "libFuzzer input")->required();
  cmd->add_option("-k,--kernel", a->kernel, "Kernel profile for the program")->capture_default_str();
  cmd->callback([a, &action] {
    action = [a] {
      const util::Diag diag("decode");
      if (!sk::find_profile(a->kernel))
        return diag.fail(fmt::format("unknown kernel profile '{}' (see: simtrinity kernels)", a->kernel));
      std::string data, err;
      if (!util::read_file(a->path, data, err)) return diag.fail(err);
      fmt::print("{}", prog::print(prog::decode_fuzz_input(data, a->path, a->kernel)));
      return util::kExitClean;
    };
  });
}

}  // namespace simtrinity::cli
