// A lock graph in DOT (report/dot_writer, the graphs `triage --dot` writes)
// drawn by Graphviz: `dot -Tsvg` run as a process, its SVG trimmed to the
// <svg> element for inlining into a page.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace simtrinity::html {

// The SVG, or nothing with `error` set (dot missing, failing, too slow, or
// output that is not plain SVG: scripts, foreign objects and links are refused).
std::optional<std::string> dot_to_svg(std::string_view dot, std::string& error);

}  // namespace simtrinity::html
