// Graphviz DOT for one bucket's lock graph (render: dot -Tsvg bucket.dot).
#pragma once
#include <ostream>
#include <string_view>

#include "report/lock_graph.h"

namespace simtrinity::report {

void write_dot(std::ostream& out, const LockGraph& g, std::string_view bucket, std::string_view title,
               std::string_view signature);

}  // namespace simtrinity::report
