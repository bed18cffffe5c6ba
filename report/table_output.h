// The human table on stdout: one row per bucket, most frequent first.
#pragma once
#include <ostream>
#include <vector>

#include "report/bucket.h"
#include "report/json_output.h"

namespace simtrinity::report {

void write_table(std::ostream& out, const std::vector<Bucket*>& buckets, const Summary& s);

}  // namespace simtrinity::report
