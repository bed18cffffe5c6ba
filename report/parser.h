// The whole per-input pipeline: bytes -> logical lines -> reports -> scanned,
// titled, signed reports. Streams: memory stays bounded by one report.
#pragma once
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "report/scan.h"

namespace simtrinity::report {

struct ParsedReport {
  std::string file;
  std::uint64_t line_no = 0;
  Kind kind = Kind::none;
  std::string title, anchor, signature, bucket, kernel;
  std::vector<std::string> classes;
  TaskRef subject;
  std::string corrupt_reason;  // "" for a clean report
  bool capped = false;
  bool corrupted() const { return !corrupt_reason.empty(); }
};

ParsedReport summarize(const RawReport& raw, const ScannedReport& s);

using ReportSink = std::function<void(const RawReport&, const ScannedReport&, ParsedReport&&)>;

// Parses `in` to its end; `sink` sees every report, quoted copies included,
// `foreign` the line of every other oops header (report/score.cpp asks which came first).
void parse_stream(std::istream& in, const ReportSink& sink, const ReportSplitter::ForeignSink& foreign = {});

}  // namespace simtrinity::report
