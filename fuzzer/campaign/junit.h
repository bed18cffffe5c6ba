// The campaign as JUnit XML (--junit FILE), valid against the Jenkins xUnit
// plugin's junit-10.xsd (vendored in tests/schemas/, checked with xmllint).
//
// Test names are stable from one campaign to the next, so a CI server can
// follow each one's history: a test case "campaign" (an <error> when a
// finding could not be saved), then one per unique finding, named by its
// title. A new fatal finding (a deadlock, a hung task) is a <failure>
// (fails_campaign, as the exit status counts it); a
// known one (--known) is <skipped>; a warning (lockdep's predictions, the VFS
// invariant) passes, its report in <system-out>: on 3.8 the one bug shows as
// one failure, "possible deadlock in lock_rename", and two warnings. Budgets,
// seed and counts are <properties> of the suite, never part of a name.
#pragma once
#include <string>

#include "fuzzer/campaign/campaign.h"

namespace simtrinity {

std::string junit_xml(const CampaignOptions& o, const CampaignResult& r);

}  // namespace simtrinity
