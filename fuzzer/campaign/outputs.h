// What a campaign writes besides the findings' folders: the stats table on
// standard output, the --json summary, and each finding's JSON (meta.json
// and the summary's "findings"). The JUnit XML is in junit.h.
#pragma once
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzzer/campaign/campaign.h"

namespace simtrinity {

// The version of the JSON run writes (--json, meta.json), in both as
// "schema_version": 1 had seeds as numbers; 2 writes every seed as a hex
// string ("0x2fe1a04dec8cb0a6"), since jq and JavaScript hold JSON numbers
// as doubles and lose 64-bit seeds past 2^53.
inline constexpr int kJsonSchemaVersion = 2;
// A seed as every output writes it (JSON, JUnit properties, SARIF): "0x1f".
std::string seed_hex(uint64_t seed);

void print_stats(const CampaignResult& r, FILE* out);
nlohmann::json finding_json(const RunFlags& flags, const Finding& f);
std::string summary_json(const CampaignOptions& o, const CampaignResult& r);
// The summary's "stats": per syscall its calls, successes and errnos; and
// back (false when `j` is not that).
nlohmann::json stats_json(const SysStats& stats);
bool stats_from_json(const nlohmann::json& j, SysStats& stats);

}  // namespace simtrinity
