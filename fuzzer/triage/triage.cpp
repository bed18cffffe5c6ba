#include "fuzzer/triage/triage.h"

#include <filesystem>
#include <memory>
#include <sstream>
#include <unordered_set>

#include "fuzzer/html/triage_site.h"
#include "fuzzer/triage/known_bugs_file.h"
#include "fuzzer/util/atomic_write.h"
#include "fuzzer/util/diag.h"
#include "fuzzer/util/input_files.h"
#include "report/bucket.h"
#include "report/dot_writer.h"
#include "report/duplicate_key.h"
#include "report/json_output.h"
#include "report/known_bugs.h"
#include "report/parser.h"
#include "report/score.h"
#include "report/table_output.h"

namespace simtrinity::triage {
namespace {

namespace fs = std::filesystem;
using namespace ::simtrinity::report;

int fail(std::ostream& err, const std::string& what) { return util::Diag("triage", err).fail(what); }

using util::AtomicFile;
using util::kStdin;

class Run {
 public:
  Run(const TriageOptions& o, std::ostream& err) : o_(o), err_(err), buckets_(!o.dot_dir.empty() || !o.html_dir.empty()) {}

  int operator()(std::istream& in, std::ostream& out) {
    std::vector<std::string> errors;
    const std::vector<std::string> files = util::expand_inputs(o_.inputs, errors);
    if (!errors.empty()) return fail(err_, errors.front());
    if (!o_.known_path.empty())
      if (auto e = load_known_bugs(o_.known_path, known_); !e.empty()) return fail(err_, e);
    std::unique_ptr<AtomicFile> json_file;
    if (!o_.json_path.empty()) {
      json_file = std::make_unique<AtomicFile>(o_.json_path);
      if (!json_file->ok()) return fail(err_, "cannot write " + o_.json_path + ": " + json_file->error());
      json_ = std::make_unique<JsonOutput>(json_file->stream());
    }
    if (!o_.dot_dir.empty()) {
      std::error_code ec;
      fs::create_directories(o_.dot_dir, ec);
      if (ec || !fs::is_directory(o_.dot_dir)) return fail(err_, "cannot create directory " + o_.dot_dir);
    }
    if (!o_.html_dir.empty()) {
      if (auto e = html::check_site_dir(o_.html_dir); !e.empty()) return fail(err_, e);
      html_ = std::make_unique<html::TriageSite>();
    }
    for (const auto& f : files)
      if (int rc = read_input(f, in); rc != 0) return rc;

    const auto sorted = buckets_.sorted();
    summary_.buckets = sorted.size();
    for (auto* b : sorted) {
      b->known = known_.matches(b->title, b->id, b->signature);
      if (!b->known) ++summary_.unknown;
    }
    if (!o_.dot_dir.empty())
      if (int rc = write_dots(sorted); rc != 0) return rc;
    if (json_) {
      json_->finish(sorted, summary_);
      if (!json_file->commit()) return fail(err_, "cannot write " + o_.json_path + ": " + json_file->error());
    }
    if (html_ && !write_site(html_->site(sorted, summary_, o_.inputs, o_.html_dir))) return util::kExitUsage;
    if (!o_.quiet) write_table(out, sorted, summary_);
    return summary_.unknown > 0 ? 1 : 0;
  }

 private:
  int read_input(const std::string& name, std::istream& stdin_stream) {
    // Whole and bounded (input_files.h): /dev/zero, a FIFO or an endless
    // pipe ends with one line instead of a hang.
    std::string text, error;
    if (!(name == kStdin ? util::read_stream(stdin_stream, "standard input", text, error)
                         : util::read_file(name, text, error)))
      return fail(err_, error);
    const std::string shown = name == kStdin ? "<stdin>" : name;
    std::istringstream in(std::move(text));
    parse_stream(in, [&](const RawReport& raw, const ScannedReport& s, ParsedReport&& p) {
      if (!seen_.insert(duplicate_key(s)).second) {
        ++summary_.duplicates;
        return;
      }
      p.file = shown;
      ++summary_.reports;
      if (p.corrupted()) ++summary_.corrupted;
      buckets_.add(p, s);
      if (json_) json_->report(p);
      if (html_) html_->add(raw, p);
    });
    return 0;
  }

  bool write_site(const html::Site& site) {
    std::string error, warning;
    const bool ok = html::write_site(site, o_.html_dir, error, warning);
    if (!warning.empty()) util::Diag("triage", err_).error(warning);
    if (!ok) util::Diag("triage", err_).error(error);
    return ok;
  }

  int write_dots(const std::vector<Bucket*>& sorted) {
    for (const auto* b : sorted) {
      if (!b->graph) continue;
      const auto path = (fs::path(o_.dot_dir) / (b->id + ".dot")).string();
      AtomicFile f(path);
      if (f.ok()) write_dot(f.stream(), *b->graph, b->id, b->title, b->signature);
      if (!f.ok() || !f.commit()) return fail(err_, "cannot write " + path);
    }
    return 0;
  }

  const TriageOptions& o_;
  std::ostream& err_;
  Buckets buckets_;
  KnownBugs known_;
  std::unique_ptr<JsonOutput> json_;
  std::unique_ptr<html::TriageSite> html_;
  Summary summary_;
  std::unordered_set<std::uint64_t> seen_;  // membership only; never iterated
};

int run_score(const TriageOptions& o, std::ostream& out, std::ostream& err) {
  std::vector<std::string> errors;
  const auto files = util::expand_inputs(o.inputs, errors);
  if (!errors.empty()) return fail(err, errors.front());
  ScoreTable table;
  std::size_t skipped = 0;
  for (const auto& f : files) {
    std::string text, error;
    if (!util::read_file(f, text, error)) return fail(err, error);
    const auto t = read_test_file(text, error);
    if (!t) {
      // LICENSE, NOTICE, README beside the test data; named when given alone.
      if (files.size() == 1) return fail(err, f + ": " + error);
      ++skipped;
      continue;
    }
    table.add(score_file(f, *t));
  }
  if (table.files().empty()) return fail(err, "no report test files in the inputs");
  if (!o.quiet) {
    table.write(out);
    if (skipped > 0) out << skipped << " file(s) without a test header skipped\n";
  }
  for (const auto& f : table.files())
    if (!f.title_ok || !f.corrupted_ok) return 1;
  return 0;
}

}  // namespace

int run_triage(const TriageOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  if (o.score) {
    if (!o.json_path.empty() || !o.dot_dir.empty() || !o.known_path.empty())
      return fail(err, "--score reads test files; it takes no --json, --dot or --known");
    return run_score(o, out, err);
  }
  return Run(o, err)(in, out);
}

}  // namespace simtrinity::triage
