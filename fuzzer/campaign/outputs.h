// What a campaign writes besides the findings' folders: the stats table on
// standard output, the --json summary, and each finding's JSON (meta.json
// and the summary's "findings"). The JUnit XML is in junit.h.
#pragma once
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzzer/campaign/campaign.h"

namespace simtrinity {

void print_stats(const CampaignResult& r, FILE* out);
nlohmann::json finding_json(const RunFlags& flags, const Finding& f);
std::string summary_json(const CampaignOptions& o, const CampaignResult& r);

}  // namespace simtrinity
