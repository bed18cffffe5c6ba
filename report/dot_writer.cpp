#include "report/dot_writer.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace simtrinity::report {
namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '"' || c == '\\') (out += '\\') += c;
    else if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

std::string_view edge_label(EdgeKind k) {
  switch (k) {
    case EdgeKind::holds: return "holds";
    case EdgeKind::waits: return "waits for";
    case EdgeKind::then: return "then";
  }
  return "";
}

}  // namespace

void write_dot(std::ostream& out, const LockGraph& g, std::string_view bucket, std::string_view title,
               std::string_view signature) {
  fmt::print(out, "digraph {} {{\n", quote(bucket));
  fmt::print(out, "  label={}; labelloc=t; rankdir=LR;\n", quote(fmt::format("{}\n{}", title, signature)));
  fmt::print(out, "  node [fontname=\"monospace\"]; edge [fontname=\"monospace\", fontsize=10];\n");
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const auto& n = g.nodes[i];
    fmt::print(out, "  n{} [shape={}, label={}];\n", i, n.is_task ? "box" : "ellipse", quote(n.label));
  }
  for (const auto& e : g.edges) {
    std::string style = e.kind == EdgeKind::waits ? ", style=dashed" : e.kind == EdgeKind::then ? ", style=dotted" : "";
    if (e.in_cycle) style += ", color=red, fontcolor=red, penwidth=2";
    fmt::print(out, "  n{} -> n{} [label={}{}];\n", e.from, e.to, quote(edge_label(e.kind)), style);
  }
  out << "}\n";
}

}  // namespace simtrinity::report
