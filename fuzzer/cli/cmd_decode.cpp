// simtrinity decode: a libFuzzer input as the text program it runs.
#include <cstdio>

#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "fuzzer/prog/fuzz_input.h"
#include "fuzzer/prog/inputs.h"
#include "report/describe.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

void add_decode_command(CLI::App& app, Action& action) {
  struct Args {
    std::string path, kernel = "3.8";
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
      if (!sk::find_profile(a->kernel)) {
        std::fprintf(stderr, "simtrinity: unknown kernel profile '%s' (see: simtrinity kernels)\n", a->kernel.c_str());
        return 2;
      }
      std::string data, err;
      if (!prog::read_file(a->path, data, err)) {
        std::fprintf(stderr, "simtrinity: %s\n", err.c_str());
        return 2;
      }
      auto fr = prog::run_fuzz_input(reinterpret_cast<const uint8_t*>(data.data()), data.size(), a->kernel, true);
      fr.program.header.push_back(fmt::format(" decoded from the libFuzzer input {} ({} bytes)", a->path, data.size()));
      if (const auto* p = fr.result.primary()) fr.program.header.push_back(fmt::format(" report: {}", report::describe(*p).title));
      fmt::print("{}", prog::print(fr.program));
      return 0;
    };
  });
}

}  // namespace simtrinity::cli
