#include "report/bucket.h"

#include <algorithm>

namespace simtrinity::report {
namespace {
void note(std::set<std::string>& names, std::size_t& more, const std::string& name) {
  if (name.empty() || names.count(name)) return;
  if (names.size() < Bucket::kMaxNames) names.insert(name);
  else ++more;
}
}  // namespace

void Buckets::add(const ParsedReport& p, const ScannedReport& s) {
  auto [it, fresh] = by_id_.try_emplace(p.bucket);
  Bucket& b = it->second;
  if (fresh) {
    b.id = p.bucket;
    b.title = p.title;
    b.signature = p.signature;
    b.kind = p.kind;
    b.first_file = p.file;
    b.first_line = p.line_no;
    if (want_graphs_) b.graph = build_lock_graph(s);
  }
  ++b.count;
  if (p.corrupted()) ++b.corrupted;
  note(b.kernels, b.more_kernels, p.kernel);
  note(b.files, b.more_files, p.file);
}

std::vector<Bucket*> Buckets::sorted() {
  std::vector<Bucket*> out;
  for (auto& [id, b] : by_id_) out.push_back(&b);
  std::stable_sort(out.begin(), out.end(), [](const Bucket* a, const Bucket* b) {
    if (a->count != b->count) return a->count > b->count;
    return a->title < b->title;
  });
  return out;
}

}  // namespace simtrinity::report
