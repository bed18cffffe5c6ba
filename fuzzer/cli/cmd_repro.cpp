// simtrinity repro: replays text reproducers, libFuzzer crash files and
// directories of either on a fresh simulated kernel and prints the reports.
#include <cstdio>

#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/fuzz_input.h"
#include "fuzzer/prog/inputs.h"
#include "report/describe.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

namespace {

struct ReproArgs {
  std::vector<std::string> paths;
  std::string kernel;
  bool quiet = false;
};

int repro(const ReproArgs& a) {
  if (!a.kernel.empty() && !sk::find_profile(a.kernel)) {
    std::fprintf(stderr, "simtrinity: unknown kernel profile '%s' (see: simtrinity kernels)\n", a.kernel.c_str());
    return 2;
  }
  std::vector<std::string> errors;
  auto files = prog::expand_paths(a.paths, errors);
  bool malformed = !errors.empty();
  for (const auto& e : errors) std::fprintf(stderr, "simtrinity: %s\n", e.c_str());
  int reproduced = 0, clean = 0;
  for (const auto& f : files) {
    prog::ExecResult r;
    std::string data, err, expected;
    if (!prog::read_file(f, data, err)) {
      std::fprintf(stderr, "simtrinity: %s\n", err.c_str());
      malformed = true;
      continue;
    }
    if (prog::is_text_program(f)) {
      auto p = prog::parse(data, f, err);
      if (!p) {
        std::fprintf(stderr, "%s\n", err.c_str());
        malformed = true;
        continue;
      }
      prog::ExecOptions eo;
      if (!a.kernel.empty()) eo.kernel = a.kernel;
      expected = prog::expected_title(*p);
      r = prog::execute(*p, eo);
    } else {
      std::string k = !a.kernel.empty() ? a.kernel : "3.8";
      r = prog::run_fuzz_input(reinterpret_cast<const uint8_t*>(data.data()), data.size(), k, false).result;
    }
    // A program that names its title reproduces when that title comes back;
    // otherwise (libFuzzer inputs, hand-written programs) a fatal report
    // counts, not a warning: on 3.8 trinity-main's own tree walk warns.
    bool fatal = false;
    for (const auto& rep : r.reports) fatal |= rep.fatal;
    const bool hit = expected.empty() ? fatal : r.has_title(expected);
    if (!hit) {
      clean++;
      if (r.reports.empty())
        fmt::print("=== {}: kernel {}: no report ({} calls) ===\n", f, r.kernel, r.calls);
      else
        fmt::print("=== {}: kernel {}: not reproduced{}: {} other report{} ({} calls) ===\n", f, r.kernel,
                   expected.empty() ? "" : " (" + expected + ")", r.reports.size(), r.reports.size() == 1 ? "" : "s",
                   r.calls);
      continue;
    }
    reproduced++;
    const auto p = report::describe(*r.primary());
    fmt::print("=== {}: kernel {}: reproduced: {} ({}), {} report{} ===\n", f, r.kernel,
               expected.empty() ? p.title : expected, report::kind_name(p.kind), r.reports.size(),
               r.reports.size() == 1 ? "" : "s");
    if (a.quiet) continue;
    for (const auto& rep : r.reports) {
      fmt::print("{}", rep.text);
      if (!rep.text.empty() && rep.text.back() != '\n') fmt::print("\n");
      fmt::print("\n");
    }
    fmt::print("Trinity children, last calls (oldest first):\n{}\n", r.rings);
  }
  std::fflush(stdout);
  std::fprintf(stderr, "simtrinity repro: %zu input%s, %d reproduced, %d clean%s\n", files.size(),
               files.size() == 1 ? "" : "s", reproduced, clean, malformed ? ", some malformed (exit 2)" : "");
  if (malformed) return 2;
  return reproduced ? 1 : 0;
}

}  // namespace

void add_repro_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<ReproArgs>();
  auto* cmd = app.add_subcommand("repro", "Replay reproducers (.prog), libFuzzer crash files and directories of them");
  cmd->footer(
      "Files named *.prog are text programs; any other file is a libFuzzer input (raw bytes),\n"
      "run exactly as simkernel_fuzzer runs it. Directories are searched recursively.\n"
      "An input reproduces when the title its header names ('# title: X', or '# simtrinity\n"
      "finding: X' in saved findings) is reported again; an input that names none (libFuzzer\n"
      "inputs) reproduces on any fatal report (deadlock, hung task), not on warnings.\n"
      "Exit status: 1 if any input reproduces, 0 if none does, 2 if any input is\n"
      "malformed (the others are still replayed).\n\n"
      "Examples:\n"
      "  simtrinity repro findings/possible_deadlock_in_lock_rename-*/repro.prog\n"
      "  simtrinity repro --kernel 3.9 corpus/repros/      # check the fix\n"
      "  simtrinity repro build-fuzz/simkernel_fuzzer-crash-0123abcd");
  cmd->add_option("paths", a->paths, "Files or directories")->required();
  cmd->add_option("-k,--kernel", a->kernel, "Replay on this kernel profile instead of the program's");
  cmd->add_flag("-q,--quiet", a->quiet, "One line per input, no report text");
  cmd->callback([a, &action] { action = [a] { return repro(*a); }; });
}

}  // namespace simtrinity::cli
