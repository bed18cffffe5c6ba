#include "report/table_output.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace simtrinity::report {
namespace {

std::string kernels(const Bucket& b) {
  auto s = fmt::format("{}", fmt::join(b.kernels, ","));
  if (b.more_kernels > 0) s += fmt::format(",+{}", b.more_kernels);
  return s.empty() ? "-" : s;
}

// One file is named; several are counted (the first example names one of them).
std::string where(const Bucket& b) {
  const auto files = b.files.size() + b.more_files;
  return kernels(b) + " / " + (files == 1 ? *b.files.begin() : fmt::format("{} files", files));
}

std::string status(const Bucket& b) {
  std::string s = b.known ? "known" : "NEW";
  if (b.corrupted == b.count) s += ",corrupted";
  else if (b.corrupted > 0) s += fmt::format(",{}corrupted", b.corrupted);
  return s;
}

}  // namespace

void write_table(std::ostream& out, const std::vector<Bucket*>& buckets, const Summary& s) {
  std::size_t title_w = 5, where_w = 15, status_w = 6;
  for (const auto* b : buckets) {
    title_w = std::max(title_w, b->title.size());
    where_w = std::max(where_w, where(*b).size());
    status_w = std::max(status_w, status(*b).size());
  }
  title_w = std::min<std::size_t>(title_w, 72);
  where_w = std::min<std::size_t>(where_w, 60);
  fmt::print(out, "{:<12}  {:>5}  {:<{}}  {:<{}}  {:<{}}  {}\n", "BUCKET", "COUNT", "STATUS", status_w, "TITLE", title_w,
             "KERNELS / FILES", where_w, "FIRST EXAMPLE");
  for (const auto* b : buckets) {
    fmt::print(out, "{:<12}  {:>5}  {:<{}}  {:<{}}  {:<{}}  {}:{}\n", b->id, b->count, status(*b), status_w, b->title,
               title_w, where(*b), where_w, b->first_file, b->first_line);
  }
  fmt::print(out, "{} reports ({} corrupted, {} duplicate copies skipped) in {} buckets, {} unknown\n", s.reports,
             s.corrupted, s.duplicates, s.buckets, s.unknown);
}

}  // namespace simtrinity::report
