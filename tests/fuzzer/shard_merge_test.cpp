// `run --shard I/N` and `merge`: with a fixed seed the four shards of a 3.8
// campaign, merged, are the unsharded campaign -- the same finding folders,
// SARIF and HTML site byte for byte, the same JSON summary and JUnit XML but
// for times and job counts -- and merge refuses, with one line, shards that
// are not all the parts of one campaign.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "fuzzer/campaign/shard.h"
#include "fuzzer/util/shell_word.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using simtrinity::util::shell_word;
using simtest::slurp;

namespace {

const std::string kBin = shell_word(std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity");

// `simtrinity ARGS` run in `dir`, standard error merged in.
simtest::CliResult in(const fs::path& dir, const std::string& args) {
  fs::create_directories(dir);
  return simtest::shell("cd " + shell_word(dir.string()) + " && " + kBin + " " + args);
}

std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) m[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return m;
}

size_t newlines(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }

// What differs between two runs of one campaign by design: wall times, and
// how many worker threads ran it (the shards' together, after a merge).
nlohmann::json without_times(nlohmann::json j) {
  for (const char* k : {"elapsed_s", "syscalls_per_s", "jobs"}) j.erase(k);
  return j;
}
std::string junit_without_times(const std::string& x) {
  return std::regex_replace(std::regex_replace(x, std::regex(R"( time="[0-9.]+")"), ""),
                            std::regex(R"(<property name="jobs" value="[0-9]+"/>)"), "");
}

// A small 3.8 campaign: 12 runs of 4 children, each run at most 500 calls,
// so that not every run finds the deadlock (on seed 3 run 2 is the first).
const std::string kCampaign = "-q -s 3 --runs 12 --run-length 500";

}  // namespace

TEST(Shard, ParsesIOfNAndRefusesTheRest) {
  std::string e;
  auto s = simtrinity::parse_shard("2/4", e);
  ASSERT_TRUE(s) << e;
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 4u);
  for (const char* bad : {"4/4", "0/0", "-1/3", "1/x", "1/", "/4", "3", "1/4/2", "0x1/4", " 1/4",
                          "1/99999999999999999999", "18446744073709551615/18446744073709551616"}) {
    e.clear();
    EXPECT_FALSE(simtrinity::parse_shard(bad, e)) << bad;
    EXPECT_NE(e.find("--shard"), std::string::npos) << bad << ": " << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
  }
}

// Shard I of N owns the runs r with r % N == I: disjoint, and together all R.
TEST(Shard, SharesAreDisjointAndCoverTheCampaign) {
  for (uint64_t n : {1u, 3u, 4u, 7u})
    for (uint64_t runs : {0u, 1u, 2u, 10u, 12u, 13u}) {
      std::vector<int> owner(runs, -1);
      uint64_t total = 0;
      for (uint64_t i = 0; i < n; i++) {
        const simtrinity::Shard s{i, n};
        total += s.share(runs);
        for (uint64_t k = 0; k < s.share(runs); k++) {
          const uint64_t r = s.campaign_run(k);
          ASSERT_LT(r, runs);
          EXPECT_TRUE(s.owns(r));
          EXPECT_EQ(owner[r], -1) << "run " << r << " in two shards";
          owner[r] = static_cast<int>(i);
        }
      }
      EXPECT_EQ(total, runs) << n << " shards, " << runs << " runs";
    }
}

TEST(ShardMerge, FourShardsMergedAreTheUnshardedCampaign) {
  simtest::TempDir t;
  const fs::path one = t.path() / "one", four = t.path() / "four";
  const std::string outs = " -o f --json s.json --junit j.xml --sarif s.sarif --html site";
  auto u = in(one, "run " + kCampaign + outs);
  ASSERT_EQ(u.status, 1) << u.out;
  for (int i = 0; i < 4; i++) {
    // One shard with two worker threads: runs end in another order, findings do not.
    auto s = in(four, "run " + kCampaign + " --shard " + std::to_string(i) + "/4 -o shard-" + std::to_string(i) +
                          (i == 2 ? " --jobs 2" : ""));
    ASSERT_LE(s.status, 1) << s.out;
    EXPECT_TRUE(fs::is_regular_file(four / ("shard-" + std::to_string(i)) / "shard.json"));
  }
  // In any order on the command line.
  auto m = in(four, "merge -q shard-2 shard-0 shard-3 shard-1" + outs);
  ASSERT_EQ(m.status, u.status) << m.out;
  EXPECT_EQ(m.out, "");

  const auto ju = nlohmann::json::parse(slurp(one / "s.json")), jm = nlohmann::json::parse(slurp(four / "s.json"));
  EXPECT_EQ(without_times(jm), without_times(ju));
  EXPECT_EQ(jm["runs"], 12);
  EXPECT_EQ(jm["jobs"], 5);
  // The test means something: several bugs, first met in runs of different
  // shards, and a bug met in several shards (its count is their sum).
  ASSERT_GE(ju["findings"].size(), 2u) << ju.dump(1);
  std::set<uint64_t> first_shards;
  uint64_t most = 0;
  for (const auto& f : ju["findings"]) {
    first_shards.insert(f["first_seen"]["run"].get<uint64_t>() % 4);
    most = std::max(most, f["count"].get<uint64_t>());
  }
  EXPECT_GE(first_shards.size(), 2u) << ju.dump(1);
  EXPECT_GT(most, 4u);

  // The finding folders (report.txt, repro.prog, meta.json with the summed
  // counts), the SARIF log and the site: the same bytes.
  EXPECT_EQ(files_of(four / "f"), files_of(one / "f"));
  EXPECT_EQ(slurp(four / "s.sarif"), slurp(one / "s.sarif"));
  const auto site = files_of(four / "site");
  EXPECT_EQ(site, files_of(one / "site"));
  EXPECT_EQ(junit_without_times(slurp(four / "j.xml")), junit_without_times(slurp(one / "j.xml")));
  // So merge --html passes what run --html's tests check; and its links go to
  // the merged folders, not to the shards'.
  ASSERT_TRUE(site.count("index.html"));
  std::regex href("href=\"([^\"]*)\"");
  for (const auto& [name, page] : site) {
    if (name.size() < 5 || name.substr(name.size() - 5) != ".html") continue;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), href); it != std::sregex_iterator(); ++it) {
      const std::string h = (*it)[1];
      EXPECT_EQ(h.find(':'), std::string::npos) << name << ": " << h;
      EXPECT_EQ(h.find("shard-"), std::string::npos) << name << ": " << h;
      EXPECT_TRUE(fs::is_regular_file(four / "site" / h)) << name << ": " << h;
    }
  }
}

// Shards that are not all N parts of one campaign: one line, exit 2, nothing merged.
TEST(ShardMerge, RefusesWhatIsNotOneWholeCampaign) {
  simtest::TempDir t;
  const fs::path d = t.path();
  const std::string small = "run -q --runs 3 --run-length 300";
  for (const char* s : {"0/3", "1/3", "2/3"})
    ASSERT_LE(in(d, small + " -C 2 -s 1 --shard " + std::string(s) + " -o a" + s[0]).status, 1);
  ASSERT_LE(in(d, small + " -C 2 -s 2 --shard 1/3 -o b1").status, 1);
  ASSERT_LE(in(d, small + " -C 2 -s 1 --shard 1/2 -o c1").status, 1);
  ASSERT_LE(in(d, small + " -C 3 -s 1 --shard 1/3 -o e1").status, 1);
  fs::create_directories(d / "junk");
  {
    std::ofstream(d / "junk" / "shard.json") << "{\"simtrinity\": ";
  }
  // A shard that SIGTERM ended before its last run (as run writes it then).
  fs::copy(d / "a2", d / "cut", fs::copy_options::recursive);
  {
    auto j = nlohmann::json::parse(slurp(d / "cut" / "shard.json"));
    j["runs"] = 0;
    j["run_syscalls"] = nlohmann::json::array();
    j["reports"] = nlohmann::json::array();
    j["signal"] = 15;
    std::ofstream(d / "cut" / "shard.json") << j.dump();
  }
  struct Case {
    std::string args, says;
  } cases[] = {
      {"a0 a1 cut", "cut: shard 2/3 made 0 of its 1 runs (SIGTERM ended it: run it again)"},
      {"a0 b1 a2", "different campaigns (--seed 1 and 2)"},
      {"a0 e1 a2", "different campaigns (--children 2 and 3)"},
      {"a0 c1 a2", "not parts of one split"},
      {"a0 a2", "2 of 3 shards given; missing: 1/3"},
      {"a1", "1 of 3 shards given; missing: 0/3, 2/3"},
      {"a0 a1 a1 a2", "are both shard 1/3"},
      {"a0 a1 nowhere", "nowhere/shard.json: cannot read it"},
      {"a0 a1 junk", "junk/shard.json: not a shard record"},
  };
  for (const auto& c : cases) {
    auto r = in(d, "merge " + c.args + " -o m");
    EXPECT_EQ(r.status, 2) << c.args << ": " << r.out;
    EXPECT_EQ(newlines(r.out), 1u) << c.args << ": " << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << ": " << r.out;
    EXPECT_FALSE(fs::exists(d / "m" / "shard.json"));
  }
  auto into = in(d, "merge a0 a1 a2 -o a1");
  EXPECT_EQ(into.status, 2) << into.out;
  EXPECT_NE(into.out.find("merge into a folder of its own"), std::string::npos) << into.out;
  // The three right ones merge.
  EXPECT_LE(in(d, "merge -q a2 a1 a0 -o m").status, 1);
}

// Flags a shard cannot take, each one line and exit 2 before anything runs.
TEST(ShardMerge, ShardFlagsAreChecked) {
  simtest::TempDir t;
  struct Case {
    std::string args, says;
  } cases[] = {
      {"--shard 4/4 --runs 8", "--shard 4/4: the index must be 0..N-1"},
      {"--shard 0/0 --runs 8", "--shard 0/0: the index must be 0..N-1"},
      {"--shard 1/x --runs 8", "--shard must be I/N"},
      {"--shard 1/4", "needs the campaign's size in runs (--runs R)"},
      {"--shard 1/4 --runs 8 -N 1000", "with -N or --time"},
      {"--shard 1/4 --runs 8 --time 5", "with -N or --time"},
      {"--shard 1/4 --runs 8 --only-run 3", "exclude each other"},
      {"--shard 1/4 --runs 8 --stop-on-first", "--stop-on-first"},
      {"--shard 1/4 --runs 8 -o ''", "needs -o DIR"},
  };
  for (const auto& c : cases) {
    auto r = in(t.path(), "run -q " + c.args);
    EXPECT_EQ(r.status, 2) << c.args << ": " << r.out;
    EXPECT_EQ(newlines(r.out), 1u) << c.args << ": " << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.args << ": " << r.out;
  }
  EXPECT_FALSE(fs::exists(t.path() / "findings" / "shard.json"));
}

// A shard with no run of its own (--runs 2, shard 3/4) still records that,
// and its share of a campaign is every N-th run.
TEST(ShardMerge, ShardRecordsItsShareOfRuns) {
  simtest::TempDir t;
  ASSERT_LE(in(t.path(), "run -q --runs 10 --run-length 300 -C 2 --shard 1/4 -o s").status, 1);
  auto j = nlohmann::json::parse(slurp(t.path() / "s" / "shard.json"));
  EXPECT_EQ(j["runs"], 3);  // runs 1, 5, 9
  EXPECT_EQ(j["run_syscalls"].size(), 3u);
  for (const auto& r : j["reports"]) EXPECT_EQ(r[0].get<uint64_t>() % 4, 1u) << r;
  ASSERT_EQ(in(t.path(), "run -q --runs 2 --run-length 300 -C 2 --shard 3/4 -o e").status, 0);
  EXPECT_EQ(nlohmann::json::parse(slurp(t.path() / "e" / "shard.json"))["runs"], 0);
}
