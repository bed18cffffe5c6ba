#include "report/lock_graph.h"

#include <algorithm>
#include <map>

#include "report/lock_facts.h"

namespace simtrinity::report {
namespace {

class Builder {
 public:
  explicit Builder(const ScannedReport& r)
      : r_(r),
        by_instance_(r.header.kind == Kind::blocked_self || r.header.kind == Kind::circular_wait ||
                     r.header.kind == Kind::all_blocked) {}

  LockGraph build() {
    for (const auto& list : r_.held_lists) add_list(list);
    if (r_.acquire) edge(task(r_.subject), lock(*r_.acquire), EdgeKind::waits);
    for (const auto* l : {&r_.held, &r_.takes, &r_.changed, &r_.freed})
      if (*l) edge(task(r_.subject), lock(**l), EdgeKind::holds);
    // Printed from the highest "-> #N" down to #0: each class was taken while the next one was held.
    for (std::size_t i = 0; i + 1 < r_.chain.size(); ++i)
      if (!r_.chain[i].cls.empty() && !r_.chain[i + 1].cls.empty())
        edge(lock_class(r_.chain[i + 1].cls), lock_class(r_.chain[i].cls), EdgeKind::then);
    for (const auto& b : r_.blocked) {
      edge(task(b.task), lock(b.lock), EdgeKind::waits);
      if (!b.holder.empty()) edge(task(b.holder), lock(b.lock), EdgeKind::holds);
    }
    mark_cycle();
    return std::move(g_);
  }

 private:
  bool is_hung(const TaskRef& t) const {
    return std::find(r_.hung_tasks.begin(), r_.hung_tasks.end(), t) != r_.hung_tasks.end();
  }

  void add_list(const HeldList& list) {
    const auto t = task(list.task);
    for (std::size_t i = 0; i < list.locks.size(); ++i) {
      const auto& l = list.locks[i];
      // A hung task's last listed lock is the one it sleeps on (lockdep lists it before sleeping).
      const bool waits = l.state == "blocked" || (is_hung(list.task) && i + 1 == list.locks.size());
      edge(t, lock(l), waits ? EdgeKind::waits : EdgeKind::holds);
    }
  }

  std::size_t node(const std::string& key, const std::string& label, bool is_task) {
    if (auto it = index_.find(key); it != index_.end()) {
      auto& n = g_.nodes[it->second];
      if (!is_task && n.label.find(label) == std::string::npos) n.label += "\n" + label;
      return it->second;
    }
    index_.emplace(key, g_.nodes.size());
    g_.nodes.push_back({key, label, is_task});
    return g_.nodes.size() - 1;
  }
  std::size_t task(const TaskRef& t) { return node("task:" + t.str(), t.empty() ? "?" : t.str(), true); }
  std::size_t lock_class(const std::string& cls) { return node("lock:" + normalize_class(cls), cls, false); }
  std::size_t lock(const LockLine& l) {
    if (!by_instance_ || l.instance.empty()) return lock_class(l.cls);
    const auto n = node("lock:" + l.instance, l.cls, false);
    if (g_.nodes[n].label.find(l.instance) == std::string::npos) g_.nodes[n].label += "\n" + l.instance;
    return n;
  }
  void edge(std::size_t from, std::size_t to, EdgeKind k) {
    for (const auto& e : g_.edges)
      if (e.from == from && e.to == to && e.kind == k) return;
    g_.edges.push_back({from, to, k, false});
  }

  // Wait-for direction: a task points at the lock it waits for, a lock at the task holding it.
  std::pair<std::size_t, std::size_t> wait_for(const GraphEdge& e) const {
    return e.kind == EdgeKind::holds ? std::pair{e.to, e.from} : std::pair{e.from, e.to};
  }

  void mark_cycle() {
    std::vector<int> color(g_.nodes.size(), 0);
    std::vector<std::size_t> path;  // edge indices along the DFS path
    for (std::size_t n = 0; n < g_.nodes.size(); ++n)
      if (color[n] == 0 && dfs(n, color, path)) return;
  }

  bool dfs(std::size_t n, std::vector<int>& color, std::vector<std::size_t>& path) {
    color[n] = 1;
    for (std::size_t i = 0; i < g_.edges.size(); ++i) {
      const auto [from, to] = wait_for(g_.edges[i]);
      if (from != n) continue;
      path.push_back(i);
      if (color[to] == 1) {
        // Mark back along the path until the edge that left `to`.
        for (auto it = path.rbegin(); it != path.rend(); ++it) {
          g_.edges[*it].in_cycle = true;
          if (wait_for(g_.edges[*it]).first == to) break;
        }
        return true;
      }
      if (color[to] == 0 && dfs(to, color, path)) return true;
      path.pop_back();
    }
    color[n] = 2;
    return false;
  }

  const ScannedReport& r_;
  bool by_instance_;
  LockGraph g_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace

bool LockGraph::has_cycle() const {
  return std::any_of(edges.begin(), edges.end(), [](const GraphEdge& e) { return e.in_cycle; });
}

LockGraph build_lock_graph(const ScannedReport& r) { return Builder(r).build(); }

}  // namespace simtrinity::report
