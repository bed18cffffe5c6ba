// A lock graph in DOT (report/dot_writer, the graphs `triage --dot` writes)
// drawn by Graphviz: `dot -Tsvg` run as a process, its SVG trimmed to the
// <svg> element for inlining into a page.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simtrinity::html {

// The SVG, or nothing with `error` set (dot missing, failing, too slow, or
// output that is not plain SVG: scripts, foreign objects and links are refused).
std::optional<std::string> dot_to_svg(std::string_view dot, std::string& error);

// Many graphs through one dot process (a process start costs more than a
// lock graph's layout): the SVG of each, in order; when the batch fails,
// each is drawn alone, and `error` says why the first that failed did.
std::vector<std::optional<std::string>> dot_to_svgs(const std::vector<std::string>& dots, std::string& error);

}  // namespace simtrinity::html
