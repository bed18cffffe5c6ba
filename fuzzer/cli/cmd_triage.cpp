// `simtrinity triage`: how many distinct lock bugs are in these dumps?
#include <iostream>
#include <memory>

#include "fuzzer/cli/commands.h"
#include "fuzzer/triage/triage.h"

namespace simtrinity::cli {

void add_triage_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "triage",
      "Split lock dumps (ours, dmesg, serial consoles, syslog, syzbot mails) into reports, title them as\n"
      "syzkaller does and bucket duplicates. Exit 0: every bucket known; 1: an unknown bucket; 2: bad input.");
  auto opts = std::make_shared<triage::TriageOptions>();
  cmd->add_option("PATH", opts->inputs, "Log files, directories (read recursively, in sorted order), or - for stdin")
      ->required();
  cmd->add_option("--json", opts->json_path, "Write every report and every bucket as JSON to FILE")
      ->type_name("FILE");
  cmd->add_option("--dot", opts->dot_dir, "Write one Graphviz graph per bucket to DIR/<bucket>.dot")
      ->type_name("DIR");
  cmd->add_option("--html", opts->html_dir,
                  "Write a static HTML bug list to DIR: an index, a page per bucket with its lock graph and reports")
      ->type_name("DIR");
  cmd->add_option("--known", opts->known_path,
                  "Suppression file: one title (or bucket id, or signature) per line, '#' comments")
      ->type_name("FILE");
  cmd->add_flag("-q,--quiet", opts->quiet, "Print no table; only the exit status tells");
  cmd->add_flag("--score", opts->score,
                "PATHs are report test files (syzkaller's pkg/report/testdata/linux/report format: TITLE:,\n"
                "ALT:, CORRUPTED: lines, an empty line, the log): print per kind how often our title and\n"
                "corrupted flag agree with the file's, then each disagreement. Exit 0: all agree; 1: not");
  cmd->footer(
      "Examples:\n"
      "  simtrinity triage /var/log/kern.log\n"
      "  dmesg | simtrinity triage -\n"
      "  simtrinity triage runs/ --known known-bugs.txt --json triage.json\n"
      "  simtrinity triage crash.log --dot graphs/ && dot -Tsvg graphs/*.dot -O\n"
      "  simtrinity triage nightly/ --html site/ && xdg-open site/index.html\n"
      "  simtrinity triage -q nightly/ --known known-bugs.txt || echo 'new lock bug'\n"
      "  simtrinity triage --score tests/report/corpus/syzkaller tests/report/corpus/syzbot-mail");
  cmd->callback([&action, opts] {
    action = [opts] { return triage::run_triage(*opts, std::cin, std::cout, std::cerr); };
  });
}

}  // namespace simtrinity::cli
