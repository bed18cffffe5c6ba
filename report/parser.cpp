#include "report/parser.h"

#include "report/corruption.h"
#include "report/log_reader.h"
#include "report/signature.h"
#include "report/splitter.h"
#include "report/title.h"

namespace simtrinity::report {

ParsedReport summarize(const ScannedReport& s, std::uint64_t line_no) {
  ParsedReport p;
  p.line_no = line_no;
  p.kind = s.header.kind;
  const auto title = make_title(s);
  p.title = title.text;
  p.anchor = title.anchor;
  p.classes = key_classes(s);
  p.signature = make_signature(s, p.classes, p.anchor);
  p.bucket = bucket_id(p.signature);
  p.kernel = s.kernel;
  p.subject = s.subject;
  p.corrupt_reason = corruption_reason(s, title);
  p.capped = s.capped;
  return p;
}

void parse_stream(std::istream& in, const ReportSink& sink, const ReportSplitter::ForeignSink& foreign) {
  ReportSplitter splitter([&](RawReport&& raw) {
    const auto scanned = scan_report(raw);
    sink(raw, scanned, summarize(scanned, raw.line_no));
  }, foreign);
  LogReader reader(in);
  LogLine line;
  while (reader.next(line)) splitter.feed(line);
  splitter.finish();
}

}  // namespace simtrinity::report
