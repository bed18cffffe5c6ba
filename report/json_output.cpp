#include "report/json_output.h"

#include <nlohmann/json.hpp>

namespace simtrinity::report {
namespace {
using json = nlohmann::ordered_json;

// Replaces invalid UTF-8 (binary input) instead of throwing.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json names(const std::set<std::string>& set, std::size_t more) {
  json a = json::array();
  for (const auto& s : set) a.push_back(s);
  if (more > 0) a.push_back("+" + std::to_string(more) + " more");
  return a;
}
}  // namespace

JsonOutput::JsonOutput(std::ostream& out) : out_(out) { out_ << "{\"reports\": [\n"; }

void JsonOutput::report(const ParsedReport& p) {
  json j = {{"file", p.file},
            {"line", p.line_no},
            {"kind", std::string(kind_name(p.kind))},
            {"title", p.title},
            {"signature", p.signature},
            {"bucket", p.bucket},
            {"classes", p.classes},
            {"kernel", p.kernel},
            {"task", p.subject.empty() ? "" : p.subject.str()},
            {"corrupted", p.corrupted()},
            {"corrupt_reason", p.corrupt_reason}};
  out_ << (first_ ? "  " : ",\n  ") << dump(j);
  first_ = false;
}

void JsonOutput::finish(const std::vector<Bucket*>& buckets, const Summary& s) {
  out_ << "\n],\n\"buckets\": [\n";
  bool first = true;
  for (const auto* b : buckets) {
    json j = {{"bucket", b->id},
              {"title", b->title},
              {"signature", b->signature},
              {"kind", std::string(kind_name(b->kind))},
              {"count", b->count},
              {"corrupted", b->corrupted},
              {"known", b->known},
              {"kernels", names(b->kernels, b->more_kernels)},
              {"files", names(b->files, b->more_files)},
              {"first", b->first_file + ":" + std::to_string(b->first_line)}};
    out_ << (first ? "  " : ",\n  ") << dump(j);
    first = false;
  }
  json sum = {{"reports", s.reports},   {"duplicates", s.duplicates}, {"corrupted", s.corrupted},
              {"buckets", s.buckets},   {"unknown", s.unknown}};
  out_ << "\n],\n\"summary\": " << dump(sum) << "}\n";
}

}  // namespace simtrinity::report
