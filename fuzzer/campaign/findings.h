// A campaign's findings: one per bug (triage's bucket id of the report),
// in first-seen order, each saved under --out as report.txt, repro.prog and
// meta.json, and counted again when a later run meets it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "fuzzer/campaign/options.h"
#include "fuzzer/campaign/run.h"
#include "fuzzer/prog/program.h"

namespace simtrinity {

struct Finding {
  // What report/ reads in the report text: the id is triage's bucket id of
  // the same text, and names the finding's folder.
  std::string title, kind, signature, id, dir;
  uint64_t count = 0;
  bool fatal = false;  // a deadlock or hung task (report::is_fatal); a new one stops the campaign
  bool suppressed = false;
  uint64_t first_run = 0, first_run_seed = 0, first_at_run_syscall = 0, first_at_total_syscall = 0;
  std::string anchor;  // the frame the title names
  std::string text;   // report text + rings
  sk::Report report;  // as the kernel made it (its traces and their source lines)
  std::string repro;  // repro.prog
};

class FindingSet {
 public:
  explicit FindingSet(const CampaignOptions& o) : o_(o) {}

  // Merges a run's reports (`before`: campaign syscalls before the run);
  // returns the indices of the findings it met first, in report order.
  std::vector<size_t> merge(const RunResult& r, uint64_t before);
  // Records the run that found `i` again and writes its folder; false when
  // it cannot be written. Nothing is written without --out.
  bool save(size_t i, const RunResult& r);
  // Writes the folders of findings met more than once again (final counts).
  bool save_counts();

  const std::vector<Finding>& all() const { return findings_; }
  std::vector<Finding> take() { return std::move(findings_); }

 private:
  bool write(const Finding& f);

  const CampaignOptions& o_;
  std::vector<Finding> findings_;
  prog::Program recording_;
  uint64_t recorded_run_ = UINT64_MAX;
};

// The one rule the exit status (1), JUnit (a <failure>) and SARIF (level
// "error") follow: a finding fails the campaign when it is fatal (a deadlock,
// a hung task: report::is_fatal) and --known does not match it. A warning
// (lockdep's prediction, the VFS invariant) is recorded -- a passing JUnit
// case with its report, a SARIF "warning" -- and fails nothing: on 3.8 the
// one bug makes two warnings and a deadlock, and is one failure. A known
// finding is a skipped case and a suppressed SARIF "note".
inline bool fails_campaign(const Finding& f) { return f.fatal && !f.suppressed; }

// Writes the finding's folder OUT/<dir>/ (report.txt, repro.prog, meta.json)
// whole or not at all; false when it cannot. `merge` writes through it too.
bool write_finding_folder(const std::string& out, const RunFlags& flags, const Finding& f);

// The finding as a text program: the run that found it, made again with
// every call of every child and every scheduling choice recorded.
std::string repro_text(const RunFlags& flags, const Finding& f, const prog::Program& recording);

}  // namespace simtrinity
