#include "fuzzer/html/triage_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "fuzzer/child/child.h"
#include "report/dot_writer.h"
#include "report/kind.h"

namespace fs = std::filesystem;

namespace simtrinity::html {
namespace {

constexpr std::size_t kMaxSibling = 4 << 20;  // a finding's repro.prog or report.txt read for its page

std::string where(const report::ParsedReport& p) { return fmt::format("{}:{}", p.file, p.line_no); }

// The start of a regular file, at most `cap` bytes; "" for anything else.
std::string read_start(const fs::path& p, std::size_t cap) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return "";
  std::ifstream in(p, std::ios::binary);
  std::string s(cap, '\0');
  in.read(s.data(), static_cast<std::streamsize>(cap));
  s.resize(static_cast<std::size_t>(in.gcount()));
  return s;
}

}  // namespace

void TriageSite::add(const report::RawReport& raw, const report::ParsedReport& p) {
  auto [it, first] = by_bucket_.try_emplace(p.bucket);
  Seen& s = it->second;
  s.last_where = where(p);
  if (first) {
    for (const auto& l : raw.lines) {
      if (s.text.size() + l.size() + 1 > kMaxText) {
        s.cut = true;
        break;
      }
      s.text += l;
      s.text += '\n';
    }
    s.cut = s.cut || raw.capped;
    return;
  }
  if (s.others.size() == kMaxListed) {
    ++s.more;
    return;
  }
  s.others.push_back({where(p), p.file, p.title, p.kernel, p.corrupted()});
}

Site TriageSite::site(const std::vector<report::Bucket*>& sorted, const report::Summary& sum,
                      const std::vector<std::string>& inputs, const std::string& dir) const {
  Site site;
  site.heading = fmt::format("simtrinity triage: {} reports in {} buckets", sum.reports, sum.buckets);
  std::string in;
  for (const auto& i : inputs) in += (in.empty() ? "" : " ") + i;
  site.summary = {
      {"Inputs", in},
      {"Reports", fmt::format("{} ({} corrupted, {} duplicate copies skipped)", sum.reports, sum.corrupted, sum.duplicates)},
      {"Buckets", fmt::format("{} ({} unknown)", sum.buckets, sum.unknown)},
      {"Exit status", sum.unknown ? "1 (an unknown bucket)" : "0 (every bucket known)"},
  };
  site.first_seen_help = "First and last seen: the input file and line of the bucket's first and last report.";
  for (const auto* b : sorted) {
    Bug bug;
    bug.id = b->id;
    bug.title = b->title;
    bug.kind = std::string(report::kind_name(b->kind));
    bug.signature = b->signature;
    bug.count = b->count;
    bug.first_seen = fmt::format("{}:{}", b->first_file, b->first_line);
    bug.kernels.assign(b->kernels.begin(), b->kernels.end());
    if (b->more_kernels) bug.kernels.push_back(fmt::format("and {} more", b->more_kernels));
    bug.known = b->known;
    bug.corrupted = b->corrupted == b->count;
    if (b->graph && !b->graph->nodes.empty()) {
      std::ostringstream dot;
      report::write_dot(dot, *b->graph, b->id, b->title, b->signature);
      bug.dot = dot.str();
    }
    if (auto l = link_from(dir, b->first_file); !l.empty() && b->first_file != "<stdin>")
      bug.files.push_back({fs::path(b->first_file).filename().string(), l});
    bug.no_repro = "No reproducer: this report came from a log.";
    if (auto it = by_bucket_.find(b->id); it != by_bucket_.end()) {
      const Seen& s = it->second;
      bug.report = s.text;
      bug.report_note = fmt::format("The first report, from {} line {}{}.", b->first_file, b->first_line,
                                    s.cut ? fmt::format(" (cut at {} KiB or {} lines: the rest is in the file)",
                                                        kMaxText >> 10, report::ReportSplitter::kMaxLines)
                                          : "");
      bug.last_seen = s.last_where;
      bug.others = s.others;
      for (auto& o : bug.others) o.path = o.path == "<stdin>" ? "" : link_from(dir, o.path);
      bug.more_others = s.more;
    }
    // A finding's folder (run -o): its reproducer and the children's last calls are beside the report.
    const fs::path first(b->first_file);
    if (first.filename() == "report.txt") {
      bug.repro = read_start(first.parent_path() / "repro.prog", kMaxSibling);
      if (!bug.repro.empty()) bug.repro_path = (first.parent_path() / "repro.prog").string();
      const std::string whole = read_start(first, kMaxSibling);
      if (auto at = whole.find(kRingsHeading); at != std::string::npos) bug.last_calls = whole.substr(at);
    }
    site.bugs.push_back(std::move(bug));
  }
  return site;
}

}  // namespace simtrinity::html
