#include "report/splitter.h"

#include "report/text.h"

namespace simtrinity::report {

void ReportSplitter::open(const LogLine& line, Header h) {
  close();
  open_ = true;
  context_ = line.context;
  cur_ = RawReport{};
  cur_.header = h;
  cur_.line_no = line.line_no;
  cur_.lines.push_back(line.text);
}

void ReportSplitter::close() {
  if (!open_) return;
  open_ = false;
  const bool keep = !bare_dump_ || cur_.header.kind != Kind::none;
  bare_dump_ = false;
  if (keep) sink_(std::move(cur_));
  cur_ = RawReport{};
}

void ReportSplitter::feed(const LogLine& line) {
  const Header h = detect_header(line.text);
  if (h.kind != Kind::none) {
    const bool more_hung = open_ && cur_.header.kind == Kind::hung && (h.kind == Kind::hung || h.kind == Kind::hung_panic);
    if (!more_hung) {
      open(line, h);
      return;
    }
  } else if (h.foreign) {
    if (foreign_) foreign_(line.line_no);
    close();
    return;
  }
  if (!open_) {
    // The seed's dump was posted without its header: a bare debug_show_all_locks()
    // is kept only if a task in it turns out to be blocked (decided when parsing).
    if (contains(line.text, "Showing all locks held in the system")) {
      open(line, Header{});
      bare_dump_ = true;
    }
    return;
  }
  if (!context_.empty() && !line.context.empty() && line.context != context_) return;
  if (is_ruler(line.text, '=') && cur_.lines.size() > 3) {
    close();
    return;
  }
  if (bare_dump_ && cur_.header.kind == Kind::none && contains(line.text, "blocked:"))
    cur_.header.kind = Kind::blocked_self;
  if (cur_.lines.size() >= kMaxLines) {
    cur_.capped = true;
    return;
  }
  cur_.lines.push_back(line.text);
}

void ReportSplitter::finish() { close(); }

}  // namespace simtrinity::report
