// Reports with one signature form a bucket: one bug, however many dumps.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "report/lock_graph.h"
#include "report/parser.h"

namespace simtrinity::report {

struct Bucket {
  static constexpr std::size_t kMaxNames = 8;  // kernels/files listed per bucket; the rest are counted
  std::string id, title, signature;
  Kind kind = Kind::none;
  std::size_t count = 0, corrupted = 0;
  std::set<std::string> kernels, files;
  std::size_t more_kernels = 0, more_files = 0;
  std::string first_file;
  std::uint64_t first_line = 0;
  bool known = false;
  std::optional<LockGraph> graph;  // of the first report, when graphs are wanted
};

class Buckets {
 public:
  explicit Buckets(bool want_graphs) : want_graphs_(want_graphs) {}
  void add(const ParsedReport& p, const ScannedReport& s);
  // Most reports first, then by title and id: stable across runs.
  std::vector<Bucket*> sorted();
  std::size_t size() const { return by_id_.size(); }

 private:
  bool want_graphs_;
  std::map<std::string, Bucket> by_id_;
};

}  // namespace simtrinity::report
