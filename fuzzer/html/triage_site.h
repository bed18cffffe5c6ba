// `simtrinity triage --html DIR`: triage's buckets as a Site. Triage streams
// its input, so what a bug's page shows beyond the bucket (the first report's
// text, the other reports' places) is kept here as the reports go by, within
// fixed bounds per bucket.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fuzzer/html/site.h"
#include "report/bucket.h"
#include "report/json_output.h"
#include "report/splitter.h"

namespace simtrinity::html {

class TriageSite {
 public:
  static constexpr std::size_t kMaxText = 64 << 10;  // of a bucket's first report
  static constexpr std::size_t kMaxListed = 100;     // other reports listed per bucket

  // Every report triage keeps (not the duplicate copies it skips), in input order.
  void add(const report::RawReport& raw, const report::ParsedReport& p);
  // `sorted`, `summary`: what triage's table and JSON show.
  Site site(const std::vector<report::Bucket*>& sorted, const report::Summary& summary,
            const std::vector<std::string>& inputs, const std::string& dir) const;

 private:
  struct Seen {
    std::string text;
    bool cut = false;
    std::string last_where;
    std::vector<Occurrence> others;  // paths: as the input named them
    std::uint64_t more = 0;
  };
  std::map<std::string, Seen> by_bucket_;
};

}  // namespace simtrinity::html
