// A campaign: many runs, each with a seed derived from the campaign seed,
// on --jobs worker threads (each with its own kernels). Results are merged in
// run order, so with the same seed and options the output and findings are
// identical whatever the timing (and byte-identical with --jobs 1).
#pragma once
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fuzzer/campaign/run.h"
#include "report/known_bugs.h"

namespace simtrinity {

struct CampaignOptions {
  RunOptions run;
  uint64_t seed = 1;
  uint64_t budget = 0;          // total syscalls; 0: no budget
  double time_limit = 0;        // wall seconds; 0: none (decides only how many runs start)
  uint64_t run_length = 50'000;
  int jobs = 1;
  bool stop_on_first = true;
  std::optional<uint64_t> only_run;  // replay one run of the campaign
  std::string out_dir = "findings";  // empty: save nothing
  report::KnownBugs known;           // --known: these findings do not fail the campaign
  bool quiet = false;
  double progress_secs = 3.0;
  std::vector<std::string> replay_args;  // the selection flags, for repro.prog
};

struct Finding {
  // What report/ reads in the report text: the id is triage's bucket id of
  // the same text, and names the finding's folder.
  std::string title, kind, signature, id, dir;
  uint64_t count = 0;
  bool suppressed = false;
  uint64_t first_run = 0, first_run_seed = 0, first_at_run_syscall = 0, first_at_total_syscall = 0;
  std::string text;   // report text + rings
  std::string repro;  // repro.prog
};

struct CampaignResult {
  uint64_t runs = 0;
  uint64_t syscalls = 0;
  uint64_t virt_ns = 0;
  double wall_secs = 0;
  SysStats stats{};
  std::vector<Finding> findings;  // first-seen order
  int new_findings = 0;
  int exit_code = 0;
};

// Runs the campaign; prints reports of new findings and the final stats to
// `out` (deterministic), progress and throughput to stderr.
CampaignResult run_campaign(const CampaignOptions& o, FILE* out);

void print_stats(const CampaignResult& r, FILE* out);
std::string summary_json(const CampaignOptions& o, const CampaignResult& r);
std::string junit_xml(const CampaignOptions& o, const CampaignResult& r);

}  // namespace simtrinity
