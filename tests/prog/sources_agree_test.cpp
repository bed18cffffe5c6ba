// The three sources of a run agree: a campaign finding, its saved repro.prog
// replayed, and the same calls given as a libFuzzer input make the
// byte-identical kernel report and the byte-identical last-calls lists
// (numbered as the campaign numbered them).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/fuzz_input.h"
#include "fuzzer/prog/program.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using namespace simtrinity;
using namespace simtrinity::prog;

namespace {

constexpr const char* kLockRenameDeadlock = "possible deadlock in lock_rename";
const std::string kRingsHeader = "\nTrinity children, last calls (oldest first):\n";

// The campaign's text of a finding: the report, then the rings.
std::string finding_text(const RunFinding& f) {
  std::string t = f.report.text;
  if (!t.empty() && t.back() != '\n') t += "\n";
  return t + kRingsHeader + f.rings;
}

const RunFinding* find_bucket(const RunOutcome& r, const std::string& bucket) {
  for (const auto& f : r.findings)
    if (f.id.bucket == bucket) return &f;
  return nullptr;
}

// A 4-child campaign seed whose run 0 deadlocks within a libFuzzer input's
// call budget (searched, so the test does not depend on which seed it is).
uint64_t short_deadlock_seed(const CampaignOptions& ro) {
  for (uint64_t s = 1; s <= 400; s++) {
    RunOutcome r = run_harness(campaign_run_plan(ro, 0, run_seed(s, 0), 50'000));
    if (r.has_title(kLockRenameDeadlock) && r.syscalls <= kFuzzMaxCalls) return s;
  }
  return 0;
}

}  // namespace

TEST(SourcesAgree, CampaignFindingReproProgAndLibFuzzerInputGiveTheSameReportsAndRings) {
  CampaignOptions o;
  o.flags.quiet = true;
  o.flags.seed = short_deadlock_seed(o);
  ASSERT_NE(o.flags.seed, 0u) << "no seed in 1..400 deadlocks within " << kFuzzMaxCalls << " calls";
  fs::path out = fs::path(SIMTRINITY_BINARY_DIR) / "sources-agree-findings";
  fs::remove_all(out);
  o.flags.out = out.string();
  FILE* devnull = std::fopen("/dev/null", "w");
  CampaignResult res = run_campaign(o, devnull);
  std::fclose(devnull);

  // The run of the campaign again, with every choice of its children and of
  // the scheduler recorded, and those choices as a libFuzzer input.
  DrawLog draws;
  RunPlan plan = campaign_run_plan(o, 0, run_seed(o.flags.seed, 0), o.flags.run_length);
  std::vector<bool> netns;
  for (const auto& c : plan.children) netns.push_back(c.new_netns);
  plan.draws = &draws;
  plan.record = true;
  RunOutcome recorded = run_harness(std::move(plan));
  std::string why;
  auto bytes = encode_fuzz_input(netns, draws, recorded.recording->schedule.choices, recorded.syscalls, why);
  ASSERT_TRUE(bytes) << why;
  RunOutcome fuzz = run_fuzz_input(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size(),
                                   std::string(sk::kDefaultProfile), true);

  bool saw_deadlock = false;
  for (const auto& f : res.findings) {
    SCOPED_TRACE(f.title);
    ASSERT_EQ(f.first_run, 0u);
    const std::string campaign_text = simtest::slurp(out / f.dir / "report.txt");
    ASSERT_EQ(campaign_text, f.text);
    std::string err;
    auto p = parse(simtest::slurp(out / f.dir / "repro.prog"), "repro.prog", err);
    ASSERT_TRUE(p) << err;
    const RunOutcome replay = execute(*p);
    const RunFinding* rf = find_bucket(replay, f.id);
    ASSERT_TRUE(rf);
    EXPECT_EQ(finding_text(*rf), campaign_text);
    const RunFinding* ff = find_bucket(fuzz, f.id);
    ASSERT_TRUE(ff);
    EXPECT_EQ(finding_text(*ff), campaign_text);
    saw_deadlock |= f.title == kLockRenameDeadlock;
  }
  EXPECT_TRUE(saw_deadlock);

  // Every report, not only the unique ones, and the rings at the end; the
  // libFuzzer input decodes to the calls the campaign recorded.
  std::string err;
  auto p = parse(simtest::slurp(out / res.findings.back().dir / "repro.prog"), "repro.prog", err);
  ASSERT_TRUE(p) << err;
  // The rings number calls as the campaign did: the (unlisted) start-fd
  // opens and pool closes of the program are not counted, so each child's
  // last call is its number of listed calls less one.
  for (const auto& c : p->children) {
    size_t listed = 0;
    for (const auto& pc : c.calls) listed += !pc.unlisted;
    if (!listed) continue;
    std::string last = fmt::format("[child{}:", c.index);
    size_t at = fuzz.rings.rfind(last);
    ASSERT_NE(at, std::string::npos) << fuzz.rings;
    EXPECT_EQ(fuzz.rings.find(fmt::format("] [{}] ", listed - 1), at), fuzz.rings.find("] [", at)) << fuzz.rings;
  }
  const RunOutcome replay = execute(*p);
  ASSERT_EQ(replay.findings.size(), fuzz.findings.size());
  for (size_t i = 0; i < replay.findings.size(); i++) EXPECT_EQ(finding_text(replay.findings[i]), finding_text(fuzz.findings[i]));
  EXPECT_EQ(replay.rings, fuzz.rings);
  EXPECT_EQ(replay.calls, fuzz.calls);
  EXPECT_TRUE(fuzz.recording->children == p->children);
  EXPECT_TRUE(fuzz.recording->schedule == p->schedule);
}

TEST(SourcesAgree, EncodingRefusesWhatTheInputLayoutCannotSay) {
  std::string why;
  EXPECT_FALSE(encode_fuzz_input(std::vector<bool>(5, false), {}, {}, 0, why));
  EXPECT_NE(why.find("5 children"), std::string::npos) << why;
  EXPECT_FALSE(encode_fuzz_input({false}, {}, {}, kFuzzMaxCalls + 1, why));
  EXPECT_FALSE(encode_fuzz_input({false}, {}, {300}, 1, why));
  // A choice right after a literal query that can only be written as '"'.
  DrawLog d = {{Draw::Kind::literal_query, 0, 0}, {Draw::Kind::below, 250, '"'}};
  EXPECT_FALSE(encode_fuzz_input({false}, d, {}, 1, why));
  // ... which has another form when n leaves room for one.
  d[1].n = 100;
  d[1].v = '"';
  auto b = encode_fuzz_input({false}, d, {}, 1, why);
  ASSERT_TRUE(b) << why;
  EXPECT_EQ(static_cast<unsigned char>((*b)[2]), '"' + 100);
}
