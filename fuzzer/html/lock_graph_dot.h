// The lock graph of the first report in a text, in DOT: what
// `simtrinity triage --dot` writes for the report's bucket.
#pragma once
#include <string>
#include <string_view>

namespace simtrinity::html {

// "" when the text holds no report or its graph has no node.
std::string lock_graph_dot(std::string_view report_text);

}  // namespace simtrinity::html
