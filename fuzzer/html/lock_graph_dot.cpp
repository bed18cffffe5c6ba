#include "fuzzer/html/lock_graph_dot.h"

#include <sstream>

#include "report/dot_writer.h"
#include "report/lock_graph.h"
#include "report/parser.h"

namespace simtrinity::html {

std::string lock_graph_dot(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string dot;
  bool first = true;
  report::parse_stream(in, [&](const report::RawReport&, const report::ScannedReport& s, report::ParsedReport&& p) {
    if (!first) return;
    first = false;
    const report::LockGraph g = report::build_lock_graph(s);
    if (g.nodes.empty()) return;
    std::ostringstream out;
    report::write_dot(out, g, p.bucket, p.title, p.signature);
    dot = out.str();
  });
  return dot;
}

}  // namespace simtrinity::html
