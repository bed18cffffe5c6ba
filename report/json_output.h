// --json FILE: every report (in input order) with its bucket, then every bucket.
// Reports are streamed as they are parsed, so a 100 MB input never sits in memory.
//   {"reports": [{"file", "line", "kind", "title", "signature", "bucket", "classes",
//                 "kernel", "task", "corrupted", "corrupt_reason"}...],
//    "buckets": [{"bucket", "title", "signature", "kind", "count", "corrupted",
//                 "known", "kernels", "files", "first"}...],
//    "summary": {"reports", "duplicates", "corrupted", "buckets", "unknown"}}
#pragma once
#include <ostream>
#include <vector>

#include "report/bucket.h"
#include "report/parser.h"

namespace simtrinity::report {

struct Summary {
  std::size_t reports = 0, duplicates = 0, corrupted = 0, buckets = 0, unknown = 0;
};

class JsonOutput {
 public:
  explicit JsonOutput(std::ostream& out);
  void report(const ParsedReport& p);
  void finish(const std::vector<Bucket*>& buckets, const Summary& s);

 private:
  std::ostream& out_;
  bool first_ = true;
};

}  // namespace simtrinity::report
