// simtrinity minimize: shrink a reproducer while what it shows still comes
// back: its report title (the default), another title, or a report kind.
#include <fmt/format.h>

#include "fuzzer/cli/commands.h"
#include "fuzzer/prog/inputs.h"
#include "fuzzer/prog/minimize.h"
#include "fuzzer/util/atomic_write.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/output_paths.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

namespace {

struct MinimizeArgs {
  std::string in, out, title, kind, kernel;
  bool quiet = false;
};

std::string plural(size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

int do_minimize(const MinimizeArgs& a) {
  const util::Diag diag("minimize");
  if (!a.kernel.empty() && !sk::find_profile(a.kernel))
    return diag.fail(fmt::format("unknown kernel profile '{}' (see: simtrinity kernels)", a.kernel));
  if (auto e = util::check_output_file(a.out); !e.empty())
    return diag.fail(fmt::format("cannot write {}: {}", a.out, e));
  std::string err;
  auto p = prog::load_program(a.in, a.kernel.empty() ? std::string(sk::kDefaultProfile) : a.kernel, err);
  if (!p) {
    if (err.rfind("cannot read", 0) == 0) return diag.fail(err);
    diag.located(err);
    return util::kExitUsage;
  }
  prog::ExecOptions eo;
  if (!a.kernel.empty()) eo.kernel = a.kernel;
  // What to keep: --kind, else --title, else the input's own title.
  prog::Predicate pred;
  std::string title, keep;
  if (!a.kind.empty()) {
    pred = prog::kind_reproduces(a.kind, eo);
    keep = fmt::format("a report of kind '{}'", a.kind);
  } else {
    title = a.title.empty() ? prog::default_title(*p, prog::execute(*p, eo)) : a.title;
    if (title.empty())
      return diag.fail(fmt::format("{} gives no report; nothing to minimize", a.in), util::kExitFound);
    pred = prog::title_reproduces(title, eo);
    keep = fmt::format("'{}'", title);
  }
  prog::MinimizeOptions mo;
  if (!a.quiet) mo.progress = [&diag](const std::string& s) { diag.note(s); };
  auto r = prog::minimize(*p, pred, mo);
  if (!r.reproduced) {
    std::string gives;
    for (const auto& f : prog::execute(*p, eo).findings)
      if (gives.find(f.id.kind) == std::string::npos) gives += (gives.empty() ? "" : ", ") + f.id.kind;
    return diag.fail(fmt::format("{} does not reproduce {} (it gives: {}); nothing to minimize", a.in, keep,
                                 gives.empty() ? "no report" : gives),
                     util::kExitFound);
  }
  prog::Program out = r.program;
  out.header.clear();
  out.header.push_back(fmt::format(" minimized from {} by simtrinity minimize ({} executions)", a.in, r.execs));
  out.header.push_back(a.kind.empty() ? fmt::format(" title: {}", title) : fmt::format(" kind: {}", a.kind));
  if (!util::write_file_atomic(a.out, prog::print(out), err)) return diag.fail(fmt::format("cannot write {}: {}", a.out, err));
  if (!a.quiet)
    diag.note(fmt::format("minimize: wrote {}: {}, {}", a.out, plural(out.children.size(), "child", "children"),
                          plural(prog::call_count(out), "call", "calls")));
  return util::kExitClean;
}

}  // namespace

void add_minimize_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<MinimizeArgs>();
  auto* cmd = app.add_subcommand("minimize", "Shrink a reproducer while it still produces the same report title");
  cmd->footer(
      "Drops children, drops calls, simplifies arguments (shorter paths, fewer flags), turns *at()\n"
      "calls into their plain forms and shortens the schedule, re-running the program on a fresh\n"
      "kernel for each candidate (never the same candidate twice). It keeps the input's own title\n"
      "(its header's, else its first fatal report's), or --title, or any report of --kind.\n"
      "IN is a .prog file or a libFuzzer input (decoded first). OUT is written atomically.\n"
      "Exit status: 0 minimized, 1 IN does not show what is kept, 2 bad input.\n\n"
      "Examples:\n"
      "  simtrinity minimize findings/possible_deadlock_in_lock_rename-*/repro.prog -o min.prog\n"
      "  simtrinity minimize crash-0123abcd -o min.prog --title 'possible deadlock in lock_rename'\n"
      "  simtrinity minimize findings/*/repro.prog -o min.prog --kind hung");
  cmd->add_option("in", a->in, "Reproducer (.prog) or libFuzzer input")->required();
  cmd->add_option("-o,--out", a->out, "Where to write the minimized program")->required();
  auto* title = cmd->add_option("-t,--title", a->title, "Report title to keep (default: the input's own)");
  cmd->add_option("--kind", a->kind, "Keep any report of this kind instead (report kinds as triage names them: blocked-self, hung, circular, ...)")->excludes(title);
  cmd->add_option("-k,--kernel", a->kernel, "Run on this kernel profile instead of the program's");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress on stderr");
  cmd->callback([a, &action] { action = [a] { return do_minimize(*a); }; });
}

}  // namespace simtrinity::cli
