// simtrinity run: a fuzz campaign against a simulated kernel. Its flags are
// the rows of fuzzer/campaign/run_flags.def, bound to CLI11 here.
#include <memory>
#include <tuple>
#include <type_traits>

#include <fmt/format.h>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/campaign/child_logs.h"
#include "fuzzer/campaign/junit.h"
#include "fuzzer/campaign/outputs.h"
#include "fuzzer/campaign/sarif.h"
#include "fuzzer/campaign/shard_record.h"
#include "fuzzer/cli/commands.h"
#include "fuzzer/harness/schedulers.h"
#include "fuzzer/html/campaign_site.h"
#include "fuzzer/triage/known_bugs_file.h"
#include "fuzzer/util/atomic_write.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/interrupt.h"
#include "fuzzer/util/output_paths.h"
#include "simkernel/profiles.h"

namespace simtrinity::cli {

namespace {

const util::Diag& diag() {
  static const util::Diag d("run");
  return d;
}

int usage_error(const std::string& msg) { return diag().fail(msg); }

// One row of run_flags.def as a CLI11 option, by the member's type; a
// number is checked against the row's range before CLI11 converts it.
struct Bind {
  CLI::App* cmd;
  template <typename T>
  void operator()(std::string_view names, std::string_view help, bool, T& v, const FlagRange<T>& range) const {
    const std::string n(names), h(help);
    CLI::Option* opt = nullptr;
    if constexpr (std::is_same_v<T, bool>)
      cmd->add_flag(n, v, h);
    else if constexpr (std::is_same_v<T, std::optional<bool>>)
      cmd->add_flag_function(n, [&v](int64_t count) { v = count > 0; }, h);
    else if constexpr (std::is_same_v<T, std::vector<std::string>> || requires { v.has_value(); })
      opt = cmd->add_option(n, v, h);
    else
      opt = cmd->add_option(n, v, h)->capture_default_str();
    if constexpr (std::is_arithmetic_v<typename FlagRange<T>::V> && !std::is_same_v<T, bool> &&
                  !std::is_same_v<T, std::optional<bool>>) {
      if (range.bounded) {
        const std::string name(long_name(names));
        // transform(), not check(): the text is rewritten in place. CLI11
        // puts the option's name in front of the message itself.
        opt->transform(CLI::Validator(
            [name, range](std::string& s) {
              std::string e = check_flag_text(name, s, range);
              return e.empty() ? e : e.substr(name.size() + 1);
            },
            fmt::format("{}..{}", range.lo, range.hi)));
      }
    }
  }
};

int do_run(const RunFlags& a) {
  if (auto e = check_run_flags(a); !e.empty()) return usage_error(e);
  CampaignOptions o;
  o.flags = a;
  std::string err;
  o.pool = select_pool(a, err);
  if (o.pool.empty()) return usage_error(err);
  // Every output is tried before the campaign starts: a campaign whose
  // results cannot be written is not worth running.
  if (!a.out.empty())
    if (auto e = util::check_output_dir(a.out); !e.empty())
      return usage_error(fmt::format("cannot write to output directory '{}': {}", a.out, e));
  for (const auto& [flag, path] : {std::pair{"--json", &a.json}, {"--junit", &a.junit}, {"--sarif", &a.sarif}})
    if (!path->empty())
      if (auto e = util::check_output_file(*path); !e.empty())
        return usage_error(fmt::format("cannot write {} file '{}': {}", flag, *path, e));
  if (!a.html.empty())
    if (auto e = html::check_site_dir(a.html); !e.empty()) return usage_error(e);
  if (!a.known.empty())
    if (auto e = triage::load_known_bugs(a.known, o.known); !e.empty()) return usage_error(e);
  ChildLogs logs;
  if (!a.log.empty()) {
    if (auto e = util::check_output_dir(a.log); !e.empty() || !logs.open(a.log, a.children, a.log_size, e))
      return usage_error(fmt::format("cannot write to log directory '{}': {}", a.log, e));
    o.observers.push_back(&logs);
  }

  // From here on a signal ends the campaign in order; the header below
  // says the handlers are in place.
  util::catch_interrupts();
  o.interrupt = &util::interrupt_flag();

  const auto* prof = sk::find_profile(a.kernel);
  std::string sel;
  for (const auto* e : o.pool) sel += (sel.empty() ? "" : " ") + std::string(e->name);
  fmt::print("simtrinity run: kernel {} ({}), seed {}, children {}, scheduler {}, victim {}, run length {}, budget {}, stop-on-first {}\n",
             prof->name, prof->release, a.seed, a.children, a.scheduler, a.victim, a.run_length,
             a.syscalls ? fmt::format("{} syscalls", a.syscalls)
             : a.runs   ? fmt::format("{} runs", a.runs)
                        : std::string("none"),
             stops_on_first(a) ? "on" : "off");
  if (!a.shard.empty())
    fmt::print("shard {}: {} of the campaign's {} runs (run r with r % N == I)\n", a.shard,
               campaign_shard(a).share(a.runs), a.runs);
  fmt::print("syscalls ({}): {}\n", o.pool.size(), sel);
  std::fflush(stdout);

  CampaignResult r = run_campaign(o, stdout);
  print_stats(r, stdout);
  std::fflush(stdout);
  if (!a.quiet)
    diag().note(fmt::format("simtrinity run: {} syscalls in {:.2f} s: {:.0f} syscalls/s ({} jobs, {:.0f} per job)",
                            r.syscalls, r.wall_secs, r.wall_secs > 0 ? r.syscalls / r.wall_secs : 0.0, a.jobs,
                            r.wall_secs > 0 ? r.syscalls / r.wall_secs / a.jobs : 0.0));
  int status = r.exit_code;
  for (const auto& [flag, path, text] : {std::tuple{"--json", &a.json, &summary_json},
                                         {"--junit", &a.junit, &junit_xml}, {"--sarif", &a.sarif, &sarif_json}})
    if (!path->empty() && !util::write_file_atomic(*path, (*text)(o, r), err)) {
      diag().error(fmt::format("cannot write {} file '{}': {}", flag, *path, err));
      status = util::kExitUsage;
    }
  if (!a.shard.empty()) {
    const std::string path = a.out + "/" + std::string(kShardFile);
    if (!util::write_file_atomic(path, shard_json(o, r), err)) {
      diag().error(fmt::format("cannot write the shard record '{}': {}", path, err));
      status = util::kExitUsage;
    }
  }
  if (!a.html.empty() && !html::write_campaign_site(o, r, a.html, diag())) status = util::kExitUsage;
  logs.flush();
  return status;
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<RunFlags>();
  auto* cmd = app.add_subcommand("run", "Fuzz a simulated kernel with Trinity-style children (a campaign of runs)");
  cmd->footer(
      "Schedulers (--scheduler NAME; in a .prog: schedule NAME ARGS):\n" + scheduler_help() +
      "\nExit status: 0 no new fatal finding, 1 a new fatal finding (a deadlock or hung task not in --known:\n"
      "JUnit's failures, SARIF's errors; warnings are recorded and pass), 2 bad usage or an output that\n"
      "could not be written (checked before the campaign starts; every output is still tried),\n"
      "130 on SIGINT, 143 on SIGTERM: no run starts after the signal, the running ones end at their next\n"
      "syscall, then the summary and every output (--json, --junit, --sarif, --html) are written as usual;\n"
      "a second signal exits at once. Findings already saved are never damaged (not even by SIGKILL).\n"
      "Runs are deterministic: the same seed and options give the same output and findings.\n\n"
      "Examples:\n"
      "  simtrinity run                                  # 3.8: finds the /proc/net rename deadlock, exit 1\n"
      "  simtrinity run --kernel 3.9 -N 2000000 --jobs 4 # Linus's fix: nothing found, exit 0\n"
      "  simtrinity run -c rename -c open -C 2 -s 7      # only rename and open, two children, seed 7\n"
      "  simtrinity run -g vfs -x mount -x umount2 --time 60 --json out.json --junit junit.xml\n"
      "  simtrinity run -N 1000000 --no-stop-on-first --junit junit.xml --sarif results.sarif  # for CI\n"
      "  simtrinity run --known known-bugs.txt -o findings/ -q\n"
      "  simtrinity run --runs 400 --shard 1/4 -o shard-1   # one of 4 CI machines; then: simtrinity merge\n");
  for_each_run_flag(*a, Bind{cmd});
  cmd->callback([&action, a] { action = [a] { return do_run(*a); }; });
}

}  // namespace simtrinity::cli
