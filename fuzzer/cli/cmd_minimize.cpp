// simtrinity minimize: shrink a reproducer while it keeps its report title.
#include <cstdio>

#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "fuzzer/prog/inputs.h"
#include "fuzzer/prog/minimize.h"
#include "fuzzer/triage/atomic_file.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

void add_minimize_command(CLI::App& app, Action& action) {
  struct Args {
    std::string in, out, title, kernel;
    bool quiet = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("minimize", "Shrink a reproducer while it still produces the same report title");
  cmd->footer(
      "Drops children, drops calls, simplifies arguments (shorter paths, fewer flags) and\n"
      "shortens the schedule, re-running the program on a fresh kernel after each step.\n"
      "IN is a .prog file or a libFuzzer input (decoded first). OUT is written atomically.\n"
      "Exit status: 0 minimized, 1 IN does not produce the title, 2 bad input.\n\n"
      "Examples:\n"
      "  simtrinity minimize findings/possible_deadlock_in_lock_rename-*/repro.prog -o min.prog\n"
      "  simtrinity minimize crash-0123abcd -o min.prog --title 'possible deadlock in lock_rename'");
  cmd->add_option("in", a->in, "Reproducer (.prog) or libFuzzer input")->required();
  cmd->add_option("-o,--out", a->out, "Where to write the minimized program")->required();
  cmd->add_option("-t,--title", a->title, "Report title to keep (default: the input's first fatal report)");
  cmd->add_option("-k,--kernel", a->kernel, "Run on this kernel profile instead of the program's");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress on stderr");
  cmd->callback([a, &action] {
    action = [a] {
      if (!a->kernel.empty() && !sk::find_profile(a->kernel)) {
        std::fprintf(stderr, "simtrinity: unknown kernel profile '%s' (see: simtrinity kernels)\n", a->kernel.c_str());
        return 2;
      }
      std::string err;
      auto p = prog::load_program(a->in, a->kernel.empty() ? "3.8" : a->kernel, err);
      if (!p) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 2;
      }
      prog::MinimizeOptions mo;
      mo.title = a->title;
      if (!a->kernel.empty()) mo.kernel = a->kernel;
      if (!a->quiet) mo.progress = [](const std::string& s) { std::fprintf(stderr, "%s\n", s.c_str()); };
      auto r = prog::minimize(*p, mo);
      if (!r.reproduced) {
        std::fprintf(stderr, "simtrinity: %s does not reproduce%s; nothing to minimize\n", a->in.c_str(),
                     a->title.empty() ? " any report" : fmt::format(" '{}'", a->title).c_str());
        return 1;
      }
      prog::Program out = r.program;
      out.header.clear();
      out.header.push_back(fmt::format(" minimized from {} by simtrinity minimize ({} executions)", a->in, r.execs));
      out.header.push_back(fmt::format(" title: {}", r.title));
      triage::AtomicFile f(a->out);
      f.stream() << prog::print(out);
      if (!f.commit()) {
        std::fprintf(stderr, "simtrinity: cannot write %s: %s\n", a->out.c_str(), f.error().c_str());
        return 2;
      }
      if (!a->quiet)
        std::fprintf(stderr, "minimize: wrote %s: %zu child%s, %zu call%s\n", a->out.c_str(), out.children.size(),
                     out.children.size() == 1 ? "" : "ren", prog::call_count(out), prog::call_count(out) == 1 ? "" : "s");
      return 0;
    };
  });
}

}  // namespace simtrinity::cli
