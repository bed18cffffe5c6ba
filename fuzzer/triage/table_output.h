// The human table on stdout: one row per bucket, most frequent first.
#pragma once
#include <ostream>
#include <vector>

#include "fuzzer/triage/bucket.h"
#include "fuzzer/triage/json_output.h"

namespace simtrinity::triage {

void write_table(std::ostream& out, const std::vector<Bucket*>& buckets, const Summary& s);

}  // namespace simtrinity::triage
