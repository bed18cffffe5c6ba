// Cuts a stream of logical lines into reports. A report starts at a header
// (report_kind.h) and runs to the next header, another oops, the closing '='
// ruler of a lock dump, or the end of input. Consecutive hung-task headers stay
// in one report, as in syzkaller: the first task names it, the lock dump after
// the scan belongs to all of them. With printk caller ids, lines of other tasks
// and CPUs are left out. Each report keeps at most kMaxLines lines.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "report/kind.h"
#include "report/log_reader.h"

namespace simtrinity::report {

struct RawReport {
  Header header;
  std::uint64_t line_no = 0;       // of the header line
  std::vector<std::string> lines;  // header line first
  bool capped = false;             // lines beyond kMaxLines were dropped
};

class ReportSplitter {
 public:
  static constexpr std::size_t kMaxLines = 600;
  using Sink = std::function<void(RawReport&&)>;
  // Sees the line number of every other oops header (KASAN, "BUG: unable to handle" ...).
  using ForeignSink = std::function<void(std::uint64_t line_no)>;
  explicit ReportSplitter(Sink sink, ForeignSink foreign = {}) : sink_(std::move(sink)), foreign_(std::move(foreign)) {}

  void feed(const LogLine& line);
  void finish();

 private:
  void open(const LogLine& line, Header h);
  void close();
  bool copies_header(const LogLine& line) const;

  Sink sink_;
  ForeignSink foreign_;
  bool open_ = false;
  bool bare_dump_ = false;  // opened by "Showing all locks held" with no header
  std::string context_;
  std::size_t header_lines_ = 0;  // the header and its symbolized copies
  RawReport cur_;
};

}  // namespace simtrinity::report
