// The wait-for picture of one report: tasks and lock classes as nodes, "holds"
// and "waits for" edges, and lockdep's "then" edges (lock order seen in the
// dependency chain). A cycle through them is the deadlock, and is marked.
#pragma once
#include <string>
#include <vector>

#include "report/scan.h"

namespace simtrinity::report {

enum class EdgeKind { holds, waits, then };

struct GraphNode {
  std::string key;    // "task:comm/pid", "lock:<class or instance>"
  std::string label;
  bool is_task = false;
};

struct GraphEdge {
  std::size_t from = 0, to = 0;  // holds and waits go task -> lock; then goes lock -> lock
  EdgeKind kind = EdgeKind::holds;
  bool in_cycle = false;
};

struct LockGraph {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  bool has_cycle() const;
};

LockGraph build_lock_graph(const ScannedReport& r);

}  // namespace simtrinity::report
