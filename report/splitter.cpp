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
  header_lines_ = 1;
}

void ReportSplitter::close() {
  if (!open_) return;
  open_ = false;
  const bool keep = !bare_dump_ || cur_.header.kind != Kind::none;
  bare_dump_ = false;
  if (keep) sink_(std::move(cur_));
  cur_ = RawReport{};
}

bool ReportSplitter::copies_header(const LogLine& line) const {
  if (!open_ || header_lines_ != cur_.lines.size() || line.context != context_) return false;
  const auto& first = cur_.lines.front();
  const auto at = first.find(" at ");
  return at != std::string::npos && line.text.compare(0, at + 4, first, 0, at + 4) == 0;
}

void ReportSplitter::feed(const LogLine& line) {
  const Header h = detect_header(line.text);
  // syzbot's symbolized copies of one WARNING line, one per inlined function
  // ("WARNING: CPU: 0 PID: 1 at kernel/locking/lockdep.c:183 hlock_class kernel/locking/lockdep.c:172 [inline]").
  if ((h.kind != Kind::none || h.foreign) && copies_header(line)) {
    ++header_lines_;
  } else if (h.kind != Kind::none) {
    const bool hung = cur_.header.kind == Kind::hung || cur_.header.kind == Kind::cant_die;
    const bool more_hung = open_ && hung && (h.kind == Kind::hung || h.kind == Kind::cant_die || h.kind == Kind::hung_panic);
    if (!more_hung) {
      open(line, h);
      return;
    }
  } else if (h.foreign || h.interrupts) {
    // With caller ids a report keeps its own task's lines whatever they say and
    // never sees the others' (syzkaller does the same); on a plain console
    // another oops, or a message with a stack of its own, ends it.
    if (!open_) {
      if (h.foreign && foreign_) foreign_(line.line_no);
      return;
    }
    if (context_.empty() && !h.weak) {
      if (h.foreign && foreign_) foreign_(line.line_no);
      close();
      return;
    }
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
