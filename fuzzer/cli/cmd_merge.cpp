// simtrinity merge: the shards of one campaign (`run --runs R --shard I/N`)
// joined into the campaign's result (fuzzer/campaign/merge.h), written by
// the writers `run` uses.
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "fuzzer/campaign/findings.h"
#include "fuzzer/campaign/junit.h"
#include "fuzzer/campaign/merge.h"
#include "fuzzer/campaign/outputs.h"
#include "fuzzer/campaign/sarif.h"
#include "fuzzer/cli/commands.h"
#include "fuzzer/html/campaign_site.h"
#include "fuzzer/util/atomic_write.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/output_paths.h"

namespace simtrinity::cli {

namespace {

struct MergeArgs {
  std::vector<std::string> shards;
  std::string out, json, junit, sarif, html;
  bool quiet = false;
};

int do_merge(const MergeArgs& a) {
  const util::Diag diag("merge");
  if (a.out.empty()) return diag.fail("-o DIR is needed: the merged finding folders go there");
  if (auto e = util::check_output_dir(a.out); !e.empty())
    return diag.fail(fmt::format("cannot write to output directory '{}': {}", a.out, e));
  for (const auto& [flag, file] : {std::pair{"--json", &a.json}, {"--junit", &a.junit}, {"--sarif", &a.sarif}})
    if (!file->empty())
      if (auto e = util::check_output_file(*file); !e.empty())
        return diag.fail(fmt::format("cannot write {} file '{}': {}", flag, *file, e));
  if (!a.html.empty())
    if (auto e = html::check_site_dir(a.html); !e.empty()) return diag.fail(e);

  Merged m;
  if (auto e = merge_shards(a.shards, a.out, m); !e.empty()) return diag.fail(e);
  CampaignResult& r = m.result;
  const RunFlags& fl = m.options.flags;
  for (const auto& f : r.findings)
    if (!write_finding_folder(fl.out, fl, f)) {
      r.save_failed = true;
      diag.error(fmt::format("cannot save finding {} under {}", f.dir, fl.out));
    }
  r.exit_code = exit_status(r);

  if (!a.quiet) {
    fmt::print("simtrinity merge: {} shards of simtrinity run {} --runs {}\n", m.shard_dirs.size(), replay_args(fl),
               fl.runs);
    for (const auto& f : r.findings)
      fmt::print("{} finding: {} ({}) -- id {}, {} reports, first in run {} after {} syscalls: {}/{}\n",
                 f.suppressed ? "known" : "new", f.title, f.kind, f.id, f.count, f.first_run,
                 f.first_at_total_syscall, fl.out, f.dir);
    print_stats(r, stdout);
  }
  // As `run` does: every output is tried; one that cannot be written is exit status 2.
  int status = r.exit_code;
  std::string err;
  for (const auto& [flag, path, text] : {std::tuple{"--json", &a.json, &summary_json},
                                         {"--junit", &a.junit, &junit_xml}, {"--sarif", &a.sarif, &sarif_json}})
    if (!path->empty() && !util::write_file_atomic(*path, (*text)(m.options, r), err)) {
      diag.error(fmt::format("cannot write {} file '{}': {}", flag, *path, err));
      status = util::kExitUsage;
    }
  if (!a.html.empty() && !html::write_campaign_site(m.options, r, a.html, diag)) status = util::kExitUsage;
  return status;
}

}  // namespace

void add_merge_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand(
      "merge",
      "Join the shards of one campaign (run --runs R --shard I/N -o DIR, on N machines) into the campaign's\n"
      "result: the finding folders deduplicated by bug id (earliest run wins), counts summed, and the same\n"
      "--json/--junit/--sarif/--html as the unsharded `run --runs R` writes. Exit 0: no new fatal finding;\n"
      "1: a new fatal finding (as for run); 2: bad usage, or shards that are not all N parts of one campaign.");
  cmd->add_option("SHARD_DIR", a->shards, "The -o folders of every shard (each holds shard.json)")->required();
  cmd->add_option("-o,--out", a->out, "Write the merged finding folders here")->required()->type_name("DIR");
  cmd->add_option("--json", a->json, "Write the campaign's JSON summary to FILE (as run --json)")->type_name("FILE");
  cmd->add_option("--junit", a->junit, "Write JUnit XML to FILE (as run --junit)")->type_name("FILE");
  cmd->add_option("--sarif", a->sarif, "Write SARIF 2.1.0 to FILE (as run --sarif)")->type_name("FILE");
  cmd->add_option("--html", a->html, "Write the static HTML bug list to DIR (as run --html)")->type_name("DIR");
  cmd->add_flag("-q,--quiet", a->quiet, "Print nothing; only the exit status tells");
  cmd->footer(
      "Examples: a campaign of 40 runs on 4 machines (or CI jobs), then one merge:\n"
      "  simtrinity run -s 7 --runs 40 --shard 0/4 -o shard-0     # on machine 0; 1/4, 2/4, 3/4 elsewhere\n"
      "  simtrinity merge shard-0 shard-1 shard-2 shard-3 -o findings --junit junit.xml --html site\n"
      "  simtrinity merge -q shard-* -o findings || echo 'new bug (1) or bad shards (2)'\n"
      "The result is what `simtrinity run -s 7 --runs 40 -o findings` gives on one machine (tested).\n"
      "CI recipes (GitHub Actions strategy.matrix, GitLab parallel): docs/scale.md.");
  cmd->callback([&action, a] { action = [a] { return do_merge(*a); }; });
}

}  // namespace simtrinity::cli
