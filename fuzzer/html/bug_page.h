// A bug's page: its facts, the lock graph (inline SVG), the report, the
// children's last calls, the reproducer with the commands that replay and
// shrink it, and the other reports of its bucket.
#pragma once
#include <string>

#include "fuzzer/html/site.h"

namespace simtrinity::html {

// `svg`: the drawn lock graph ("" for none); `graph_note`: why there is none.
std::string bug_page(const Site& site, const Bug& b, const std::string& svg, const std::string& graph_note);

}  // namespace simtrinity::html
