// simtrinity run: a fuzz campaign against a simulated kernel.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/campaign/child_logs.h"
#include "fuzzer/util/atomic_write.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/cli/commands.h"
#include "simkernel/profiles.h"

namespace fs = std::filesystem;

namespace simtrinity::cli {

namespace {

struct RunArgs {
  std::string kernel = "3.8";
  int children = 4;
  uint64_t syscalls = 0;
  double time = 0;
  uint64_t seed = 1;
  std::vector<std::string> only, exclude, groups;
  std::string victim = "/victim";
  std::string scheduler = "random";
  int jobs = 1;
  std::string out = "findings";
  std::string json, junit, known, log_dir;
  std::optional<bool> stop_on_first;
  bool quiet = false;
  uint64_t run_length = 50'000;
  std::optional<uint64_t> only_run;
  unsigned netns_pct = 25;
};

const util::Diag& diag() {
  static const util::Diag d("run");
  return d;
}

int usage_error(const std::string& msg) { return diag().fail(msg); }

bool writable_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) return false;
  fs::path probe = fs::path(dir) / fmt::format(".probe-{}", ::getpid());
  {
    std::ofstream os(probe);
    if (!os) return false;
  }
  fs::remove(probe, ec);
  return true;
}

bool writable_file(const std::string& path) {
  fs::path p(path);
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  return fs::is_directory(dir) && access(dir.c_str(), W_OK) == 0;
}

int do_run(const RunArgs& a) {
  CampaignOptions o;
  if (!sk::find_profile(a.kernel)) {
    std::string names;
    for (const auto& p : sk::all_profiles()) names += (names.empty() ? "" : ", ") + std::string(p.name);
    return usage_error(fmt::format("unknown kernel '{}' (try: {})", a.kernel, names));
  }
  if (a.children < 1 || a.children > 32) return usage_error("--children must be 1..32");
  if (a.jobs < 1 || a.jobs > 256) return usage_error("--jobs must be 1..256");
  if (a.scheduler != "random" && a.scheduler != "rr") return usage_error(fmt::format("unknown scheduler '{}' (random, rr)", a.scheduler));
  if (a.victim.empty() || a.victim[0] != '/' || a.victim == "/") return usage_error(fmt::format("bad victim directory '{}'", a.victim));

  // Syscall selection: -c (only these), -g (groups), -x (not these).
  std::vector<Group> groups;
  for (const auto& g : a.groups) {
    Group gg{};
    if (!parse_group(g, gg)) return usage_error(fmt::format("unknown group '{}' (vfs, ns, proc)", g));
    groups.push_back(gg);
  }
  o.run.pool.clear();
  std::set<std::string> only(a.only.begin(), a.only.end()), excl(a.exclude.begin(), a.exclude.end());
  for (const auto& n : only)
    if (!find_syscall(n)) return usage_error(fmt::format("unknown syscall '{}' in -c (see: simtrinity syscalls)", n));
  for (const auto& n : excl)
    if (!find_syscall(n)) return usage_error(fmt::format("unknown syscall '{}' in -x (see: simtrinity syscalls)", n));
  for (const auto& e : syscall_table()) {
    if (!only.empty() && !only.count(e.name)) continue;
    if (only.empty() && e.avoid) continue;
    if (!groups.empty() && std::find(groups.begin(), groups.end(), e.group) == groups.end()) continue;
    if (excl.count(e.name)) continue;
    if (e.avoid) return usage_error(fmt::format("syscall '{}' is AVOID_SYSCALL (it would end the child) and cannot be fuzzed", e.name));
    o.run.pool.push_back(&e);
  }
  if (o.run.pool.empty()) return usage_error("no syscall left to fuzz after -c/-x/-g");

  if (!a.out.empty() && !writable_dir(a.out)) return usage_error(fmt::format("cannot write to output directory '{}'", a.out));
  if (!a.json.empty() && !writable_file(a.json)) return usage_error(fmt::format("cannot write --json file '{}'", a.json));
  if (!a.junit.empty() && !writable_file(a.junit)) return usage_error(fmt::format("cannot write --junit file '{}'", a.junit));
  if (!a.known.empty())
    if (auto e = o.known.load_file(a.known); !e.empty()) return usage_error(e);
  ChildLogs logs;
  if (!a.log_dir.empty()) {
    std::string err;
    if (!writable_dir(a.log_dir) || !logs.open(a.log_dir, a.children, err))
      return usage_error(fmt::format("cannot write to log directory '{}'", a.log_dir));
    o.run.observers.push_back(&logs);
  }

  o.run.kernel = a.kernel;
  o.run.children = a.children;
  o.run.scheduler = a.scheduler;
  o.run.victim = a.victim;
  o.run.netns_child_pct = a.netns_pct;
  o.seed = a.seed;
  o.budget = a.syscalls;
  o.time_limit = a.time;
  o.run_length = a.run_length;
  o.jobs = a.jobs;
  o.stop_on_first = a.stop_on_first.value_or(a.syscalls == 0 && a.time == 0);
  o.only_run = a.only_run;
  o.out_dir = a.out;
  o.quiet = a.quiet;
  for (const auto& n : a.only) o.replay_args.push_back("-c " + n);
  for (const auto& n : a.exclude) o.replay_args.push_back("-x " + n);
  for (const auto& g : a.groups) o.replay_args.push_back("-g " + g);
  if (a.netns_pct != 25) o.replay_args.push_back(fmt::format("--netns-children {}", a.netns_pct));

  const auto* prof = sk::find_profile(a.kernel);
  std::string sel;
  for (const auto* e : o.run.pool) sel += (sel.empty() ? "" : " ") + std::string(e->name);
  fmt::print("simtrinity run: kernel {} ({}), seed {}, children {}, scheduler {}, victim {}, run length {}, budget {}, stop-on-first {}\n",
             prof->name, prof->release, o.seed, o.run.children, o.run.scheduler, o.run.victim, o.run_length,
             o.budget ? fmt::format("{} syscalls", o.budget) : std::string("none"), o.stop_on_first ? "on" : "off");
  fmt::print("syscalls ({}): {}\n", o.run.pool.size(), sel);
  std::fflush(stdout);

  CampaignResult r = run_campaign(o, stdout);
  print_stats(r, stdout);
  std::fflush(stdout);
  if (!a.quiet)
    diag().note(fmt::format("simtrinity run: {} syscalls in {:.2f} s: {:.0f} syscalls/s ({} jobs, {:.0f} per job)",
                            r.syscalls, r.wall_secs, r.wall_secs > 0 ? r.syscalls / r.wall_secs : 0.0, o.jobs,
                            r.wall_secs > 0 ? r.syscalls / r.wall_secs / o.jobs : 0.0));
  std::string err;
  if (!a.json.empty() && !util::write_file_atomic(a.json, summary_json(o, r), err))
    diag().error(fmt::format("cannot write --json file '{}': {}", a.json, err));
  if (!a.junit.empty() && !util::write_file_atomic(a.junit, junit_xml(o, r), err))
    diag().error(fmt::format("cannot write --junit file '{}': {}", a.junit, err));
  logs.flush();
  return r.exit_code;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Fuzz a simulated kernel with Trinity-style children (a campaign of runs)");
  cmd->footer(
      "Exit status: 0 no new finding, 1 at least one new finding, 2 bad usage.\n"
      "Runs are deterministic: the same seed and options give the same output and findings.\n\n"
      "Examples:\n"
      "  simtrinity run                                  # 3.8: finds the /proc/net rename deadlock, exit 1\n"
      "  simtrinity run --kernel 3.9 -N 2000000 --jobs 4 # Linus's fix: nothing found, exit 0\n"
      "  simtrinity run -c rename -c open -C 2 -s 7      # only rename and open, two children, seed 7\n"
      "  simtrinity run -g vfs -x mount -x umount2 --time 60 --json out.json --junit junit.xml\n"
      "  simtrinity run --known known-bugs.txt -o findings/ -q\n");
  cmd->add_option("-k,--kernel", a->kernel, "Kernel profile (see: simtrinity kernels)")->capture_default_str();
  cmd->add_option("-C,--children", a->children, "Trinity children per run")->capture_default_str();
  cmd->add_option("-N,--syscalls", a->syscalls, "Total syscall budget of the campaign (0: none)");
  cmd->add_option("--time", a->time, "Stop starting runs after this many wall-clock seconds");
  cmd->add_option("-s,--seed", a->seed, "Campaign seed (run seeds derive from it)")->capture_default_str();
  cmd->add_option("-c,--syscall", a->only, "Fuzz only this syscall (repeatable)");
  cmd->add_option("-x,--exclude", a->exclude, "Never call this syscall (repeatable)");
  cmd->add_option("-g,--group", a->groups, "Only syscalls of this group: vfs, ns, proc (repeatable)");
  cmd->add_option("-V,--victim", a->victim, "Victim directory (a freezable fs created at boot)")->capture_default_str();
  cmd->add_option("--scheduler", a->scheduler, "Scheduling policy: random | rr")->capture_default_str();
  cmd->add_option("-j,--jobs", a->jobs, "Worker threads, each with its own kernels")->capture_default_str();
  cmd->add_option("-o,--out", a->out, "Save each unique finding under this directory ('' to not save)")->capture_default_str();
  cmd->add_option("--json", a->json, "Write a JSON summary to FILE");
  cmd->add_option("--junit", a->junit, "Write JUnit XML (one test case per finding) to FILE");
  cmd->add_option("--known,--suppress", a->known,
                  "Known-bugs file (as for triage --known): titles, bucket ids or signatures, one a line, '#' comments;\n"
                  "findings it matches are saved but do not fail the campaign");
  cmd->add_flag_function(
      "--stop-on-first,!--no-stop-on-first", [a](int64_t n) { a->stop_on_first = n > 0; },
      "Stop after the first run with a new finding (default: on when no -N/--time)");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress line and no throughput line");
  cmd->add_option("--log", a->log_dir, "Write one log per child (every call) into DIR");
  cmd->add_option("--run-length", a->run_length, "Syscalls per run (each run boots a fresh kernel)")->capture_default_str();
  cmd->add_option("--only-run", a->only_run, "Replay just run N of the campaign (as repro.prog does)");
  cmd->add_option("--netns-children", a->netns_pct, "Percent of children that unshare CLONE_NEWNET at start")->capture_default_str();
  cmd->callback([&action, a] { action = [a] { return do_run(*a); }; });
}

}  // namespace simtrinity::cli
