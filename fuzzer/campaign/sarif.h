// The campaign as SARIF 2.1.0 (--sarif FILE), the format code-scanning
// dashboards (GitHub, GitLab, Azure DevOps) read; valid against the OASIS
// schema vendored in tests/schemas/ (checked with python3-jsonschema).
//
// One result per unique finding: ruleId is report/'s kind ("blocked-self"),
// the message its title, level "error" for a finding that fails the
// campaign (fails_campaign: new and fatal, a deadlock or hung task, as the
// exit status and JUnit count it), "warning" for a new warning, "note" with
// an external suppression for a known one (--known). Its location is the frame the title names, in the
// simulated kernel's own source (simkernel/fs/rename_locking.cpp and the
// line the lock was taken on), relative to the repository root (uriBaseId
// SRCROOT); relatedLocations are the other frames and stacks each involved
// task's whole call trace, as the kernel printed it. partialFingerprints
// carry the bucket id, so a dashboard tracks a bug across campaigns.
#pragma once
#include <string>

#include "fuzzer/campaign/campaign.h"

namespace simtrinity {

std::string sarif_json(const CampaignOptions& o, const CampaignResult& r);

}  // namespace simtrinity
