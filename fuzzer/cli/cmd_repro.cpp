// simtrinity repro: replays text reproducers, libFuzzer crash files and
// directories of either on a fresh simulated kernel and prints the reports.
#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "fuzzer/harness/strace.h"
#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/fuzz_input.h"
#include "fuzzer/prog/inputs.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/input_files.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

namespace {

struct ReproArgs {
  std::vector<std::string> paths;
  std::string kernel;
  bool quiet = false;
  bool trace = false;
};

// The run, with every call of every child written strace-style into `trace`
// when asked.
RunOutcome run_traced(RunPlan plan, std::string* trace) {
  if (!trace) return run_harness(std::move(plan));
  StraceWriter w(*trace);
  plan.observers.push_back(&w);
  RunOutcome r = run_harness(std::move(plan));
  w.finish();
  return r;
}

int repro(const ReproArgs& a) {
  const util::Diag diag("repro");
  if (!a.kernel.empty() && !sk::find_profile(a.kernel))
    return diag.fail(fmt::format("unknown kernel profile '{}' (see: simtrinity kernels)", a.kernel));
  std::vector<std::string> errors;
  auto files = util::expand_inputs(a.paths, errors);
  bool malformed = !errors.empty();
  for (const auto& e : errors) diag.error(e);
  int reproduced = 0, clean = 0;
  for (const auto& f : files) {
    RunOutcome r;
    std::string data, err, expected, trace;
    std::string* tr = a.trace ? &trace : nullptr;
    if (!util::read_file(f, data, err)) {
      diag.error(err);
      malformed = true;
      continue;
    }
    if (prog::is_text_program(f)) {
      auto p = prog::parse(data, f, err);
      if (!p) {
        diag.located(err);
        malformed = true;
        continue;
      }
      prog::ExecOptions eo;
      if (!a.kernel.empty()) eo.kernel = a.kernel;
      expected = prog::expected_title(*p);
      r = run_traced(prog::program_plan(*p, eo), tr);
    } else {
      std::string k = !a.kernel.empty() ? a.kernel : std::string(sk::kDefaultProfile);
      r = run_traced(prog::fuzz_input_plan(reinterpret_cast<const uint8_t*>(data.data()), data.size(), k), tr);
    }
    // A program that names its title reproduces when that title comes back;
    // otherwise (libFuzzer inputs, hand-written programs) a fatal report
    // counts, not a warning: on 3.8 trinity-main's own tree walk warns.
    const bool hit = expected.empty() ? r.has_fatal() : r.has_title(expected);
    if (a.trace) fmt::print("=== {}: kernel {}: trace ===\n{}", f, r.kernel, trace);
    if (!hit) {
      clean++;
      if (r.findings.empty())
        fmt::print("=== {}: kernel {}: no report ({} calls) ===\n", f, r.kernel, r.calls);
      else
        fmt::print("=== {}: kernel {}: not reproduced{}: {} other report{} ({} calls) ===\n", f, r.kernel,
                   expected.empty() ? "" : " (" + expected + ")", r.findings.size(),
                   r.findings.size() == 1 ? "" : "s", r.calls);
      continue;
    }
    reproduced++;
    const RunFinding* p = r.primary();
    fmt::print("=== {}: kernel {}: reproduced: {} ({}), {} report{} ===\n", f, r.kernel,
               expected.empty() ? p->id.title : expected, p->id.kind, r.findings.size(),
               r.findings.size() == 1 ? "" : "s");
    if (a.quiet) continue;
    for (const auto& rep : r.findings) {
      fmt::print("{}", rep.report.text);
      if (!rep.report.text.empty() && rep.report.text.back() != '\n') fmt::print("\n");
      fmt::print("\n");
    }
    fmt::print("Trinity children, last calls (oldest first):\n{}\n", r.rings);
  }
  std::fflush(stdout);
  diag.note(fmt::format("simtrinity repro: {} input{}, {} reproduced, {} clean{}", files.size(),
                        files.size() == 1 ? "" : "s", reproduced, clean, malformed ? ", some malformed (exit 2)" : ""));
  if (malformed) return util::kExitUsage;
  return reproduced ? util::kExitFound : util::kExitClean;
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
      "  simtrinity repro --trace -q min.prog              # every call and its result, strace-style\n"
      "  simtrinity repro build-fuzz/simkernel_fuzzer-crash-0123abcd");
  cmd->add_option("paths", a->paths, "Files or directories")->required();
  cmd->add_option("-k,--kernel", a->kernel, "Replay on this kernel profile instead of the program's");
  cmd->add_flag("-q,--quiet", a->quiet, "One line per input, no report text");
  cmd->add_flag("-t,--trace", a->trace,
                "Print every call of every child with its result, strace -f style, in the order the kernel ran\n"
                "them ('[child0:4] rename(\"/tmp/a\", \"/tmp/b\") = -1 ENOENT (No such file or directory)'); a call\n"
                "still blocked when the run ends stays '<unfinished ...>'");
  cmd->callback([a, &action] { action = [a] { return repro(*a); }; });
}

}  // namespace simtrinity::cli
