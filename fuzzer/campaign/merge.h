// `simtrinity merge`: the shards of one campaign (`run --shard I/N`, shard.h)
// joined into the result the unsharded campaign (`run --runs R`) has, so the
// same writers as `run`'s (finding folders, --json, --junit, --sarif,
// --html) write it, and write the same bytes but for times.
//
// Joining: every report of every shard in campaign run order (a run belongs
// to one shard); a finding is unique by the report library's bucket id, as
// in a campaign, and is the one of its earliest run (its folder comes from
// the shard that ran that run); its count is its reports in every shard;
// campaign syscall numbers are recomputed from every run's syscall count;
// runs, syscalls, virtual time and per-syscall stats are summed; the elapsed
// time is the slowest shard's (they run side by side) and jobs the shards'
// together.
#pragma once
#include <string>
#include <vector>

#include "fuzzer/campaign/campaign.h"

namespace simtrinity {

struct Merged {
  CampaignOptions options;  // the shards' flags, with --out OUT and no --shard
  CampaignResult result;
  std::vector<std::string> shard_dirs;  // in shard index order
};

// Reads SHARD_DIR/shard.json of each folder and the files of the findings
// they name; checks that they are all N shards of one campaign. "" or a
// one-line error (shards of two campaigns, a shard missing or given twice, a
// file unreadable).
std::string merge_shards(const std::vector<std::string>& dirs, const std::string& out, Merged& m);

}  // namespace simtrinity
