// OUT/shard.json: what `run --shard I/N` leaves beside its finding folders
// so that `simtrinity merge` needs nothing else to make the campaign's
// result: the flags (every row of run_flags.def), the shard, each run's
// syscall count, every report in run order, each finding as the shard first
// met it (with the kernel's traces and their source lines, which SARIF
// needs and report.txt does not carry), and the per-syscall stats.
// report.txt and repro.prog stay in the finding folders.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/campaign/shard.h"

namespace simtrinity {

inline constexpr std::string_view kShardFile = "shard.json";

struct ShardRecord {
  std::string dir;      // the folder it was read from
  std::string version;  // simtrinity's, of the shard
  Shard shard;
  RunFlags flags;
  CampaignResult result;  // findings without text and repro (in their folders); sightings' campaign_syscall unset
};

// Every flag of the table by its long name without dashes ("run-length");
// an unset optional is left out.
nlohmann::json run_flags_json(const RunFlags& f);
// Back; "" or a one-line error. A flag the record does not name keeps its default.
std::string run_flags_from_json(const nlohmann::json& j, RunFlags& f);

std::string shard_json(const CampaignOptions& o, const CampaignResult& r);

// Reads DIR/shard.json; "" or a one-line error naming the file.
std::string read_shard(const std::string& dir, ShardRecord& rec);

}  // namespace simtrinity
