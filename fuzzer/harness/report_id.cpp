#include "fuzzer/harness/report_id.h"

#include <fmt/format.h>

#include "report/describe.h"
#include "report/kind.h"

namespace simtrinity {

ReportId identify(const sk::Report& r) {
  const report::ParsedReport d = report::describe(r);
  ReportId id;
  id.title = d.title;
  id.kind = std::string(report::kind_name(d.kind));
  id.signature = d.signature;
  id.bucket = d.bucket;
  id.anchor = d.anchor;
  id.dir = fmt::format("{}-{}", slug(id.title), id.bucket);
  id.fatal = report::is_fatal(d.kind);
  return id;
}

std::string slug(const std::string& title) {
  std::string s;
  for (char c : title) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    s += keep ? c : '_';
  }
  return s.empty() ? "finding" : s;
}

}  // namespace simtrinity
