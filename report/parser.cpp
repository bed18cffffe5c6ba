#include "report/parser.h"

#include "report/corruption.h"
#include "report/log_reader.h"
#include "report/signature.h"
#include "report/splitter.h"
#include "report/title.h"

namespace simtrinity::report {

ParsedReport summarize(const RawReport& raw, const ScannedReport& s) {
  ParsedReport p;
  p.line_no = raw.line_no;
  p.kind = s.header.kind;
  const auto title = make_title(raw, s);
  p.title = title.text;
  p.anchor = title.anchor;
  p.classes = key_classes(s);
  p.signature = make_signature(s, p.classes, p.anchor);
  p.bucket = bucket_id(p.signature);
  p.kernel = s.kernel;
  p.subject = s.subject;
  p.corrupt_reason = corruption_reason(raw, s, title);
  p.capped = s.capped;
  return p;
}

void parse_stream(std::istream& in, const ReportSink& sink, const ReportSplitter::ForeignSink& foreign) {
  ReportSplitter splitter([&](RawReport&& raw) {
    const auto scanned = scan_report(raw);
    sink(raw, scanned, summarize(raw, scanned));
  }, foreign);
  LogReader reader(in);
  LogLine line;
  while (reader.next(line)) splitter.feed(line);
  splitter.finish();
}

}  // namespace simtrinity::report
