// `simtrinity run --html DIR`: a campaign's findings as a Site, from the
// structures its --json summary and meta.json files are made from.
#pragma once
#include "fuzzer/campaign/campaign.h"
#include "fuzzer/html/site.h"
#include "fuzzer/util/diag.h"

namespace simtrinity::html {

// `dir`: where the site goes (links to the findings' folders start there).
Site campaign_site(const CampaignOptions& o, const CampaignResult& r, const std::string& dir);

// Writes it; false when it cannot be written (the reason, or a graph left
// out, said through `diag`).
bool write_campaign_site(const CampaignOptions& o, const CampaignResult& r, const std::string& dir,
                         const util::Diag& diag);

}  // namespace simtrinity::html
