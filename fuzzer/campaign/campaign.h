// A campaign: many runs, each with a seed derived from the campaign seed,
// on --jobs worker threads (run_queue.h), merged in run order into unique
// findings (findings.h), so with the same seed and options the output and
// findings are identical whatever the timing (and byte-identical with
// --jobs 1). Outputs besides the findings are in outputs.h.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzzer/campaign/findings.h"
#include "fuzzer/campaign/options.h"

namespace simtrinity {

// One report of a run, in run order: when a finding was met (the --html
// plot of syscalls against findings, and each finding's last sighting).
struct Sighting {
  uint64_t campaign_syscall = 0;
  uint64_t run = 0;
  uint64_t run_syscall = 0;  // syscalls of its run by then
  std::string id;            // the finding's bucket id
};

struct CampaignResult {
  uint64_t runs = 0;
  uint64_t syscalls = 0;
  uint64_t virt_ns = 0;
  double wall_secs = 0;
  SysStats stats{};
  std::vector<Finding> findings;  // first-seen order
  std::vector<Sighting> sightings;
  std::vector<uint64_t> run_syscalls;  // each run's syscalls, in run order (a shard's record, shard_record.h)
  int new_findings = 0;
  int exit_code = 0;
  bool save_failed = false;       // a finding could not be written under --out
  int signal = 0;                 // SIGINT or SIGTERM ended the campaign early (0: it ran its course)
};

// Runs the campaign; prints reports of new findings to `out` (deterministic),
// progress to stderr.
CampaignResult run_campaign(const CampaignOptions& o, FILE* out);

// The campaign's exit status from its result (the signal, save_failed, a
// finding that fails_campaign): `run`'s, and `merge`'s for the merged result.
int exit_status(const CampaignResult& r);

}  // namespace simtrinity
