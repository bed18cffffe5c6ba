// run_triage as the CLI calls it: exit statuses, --known, --json, --dot, errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "triage_test_util.h"

namespace simtrinity::report::testing {
namespace {

namespace fs = std::filesystem;

TriageOptions on(std::vector<std::string> inputs) {
  TriageOptions o;
  o.inputs = std::move(inputs);
  return o;
}

TEST(Cli, NoReportsExitsZero) {
  const auto dir = scratch_dir("empty");
  std::ofstream(dir + "/boot.log") << "Linux version 3.8.0\nnothing to see\n";
  EXPECT_EQ(run(on({dir})).status, 0);
}

TEST(Cli, UnknownBucketExitsOneAndKnownFileSuppresses) {
  const auto dir = scratch_dir("known");
  const auto input = fixture("sim/blocked_self_child2.txt");
  EXPECT_EQ(run(on({input})).status, 1);
  std::ofstream(dir + "/known.txt") << "# bugs we already reported\npossible deadlock in lock_rename\n";
  auto o = on({input});
  o.known_path = dir + "/known.txt";
  const auto r = run(o);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("known"), std::string::npos);
}

TEST(Cli, DirectoriesAreReadRecursivelyInSortedOrder) {
  const auto r = run(on({fixture("")}));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("22 reports"), std::string::npos) << r.out;
  EXPECT_EQ(r.out, run(on({fixture("")})).out) << "output must be deterministic";
}

TEST(Cli, JsonListsEveryReportAndBucket) {
  const auto dir = scratch_dir("json");
  auto o = on({fixture("real"), fixture("sim")});
  o.json_path = dir + "/out.json";
  o.quiet = true;
  const auto r = run(o);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  const auto j = nlohmann::json::parse(read_file(o.json_path));
  EXPECT_EQ(j["reports"].size(), 16u);
  EXPECT_EQ(j["summary"]["reports"], 16);
  std::set<std::string> ids;
  for (const auto& b : j["buckets"]) ids.insert(b["bucket"].get<std::string>());
  for (const auto& rep : j["reports"]) EXPECT_TRUE(ids.count(rep["bucket"].get<std::string>()));
  for (const auto& e : fs::directory_iterator(dir)) EXPECT_EQ(e.path().filename(), "out.json") << "no temp file left";
}

TEST(Cli, DotHasTasksLocksAndTheCycleHighlighted) {
  const auto dir = scratch_dir("dot");
  auto o = on({fixture("sim/blocked_self_child2.txt")});
  o.dot_dir = dir + "/graphs";
  o.quiet = true;
  run(o);
  std::vector<fs::path> dots;
  for (const auto& e : fs::directory_iterator(o.dot_dir)) dots.push_back(e.path());
  ASSERT_EQ(dots.size(), 1u);
  const auto dot = read_file(dots[0].string());
  EXPECT_NE(dot.find("shape=box, label=\"trinity-child2/7669\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"waits for\", style=dashed, color=red"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"holds\", color=red"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"holds\"];"), std::string::npos) << "context locks are not in the cycle\n" << dot;
}

TEST(Cli, GraphOfAnAbbaChainFollowsTheDependencies) {
  const auto g = build_lock_graph(parse_fixture("real/circular_modern_3classes.txt").at(0).scan);
  EXPECT_TRUE(g.has_cycle());
  std::size_t then_edges = 0;
  for (const auto& e : g.edges) then_edges += e.kind == EdgeKind::then && e.in_cycle;
  EXPECT_EQ(then_edges, 2u);
  EXPECT_FALSE(build_lock_graph(parse_fixture("real/hung_3x_timestamps.txt").at(0).scan).has_cycle());
}

TEST(Cli, StdinIsDash) {
  const auto r = run(on({"-"}), read_file(fixture("real/hung_modern.txt")));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("INFO: task hung in lock_rename"), std::string::npos);
  EXPECT_NE(r.out.find("<stdin>:1"), std::string::npos);
}

TEST(Cli, UnreadableInputIsOneLineAndExitTwo) {
  const auto r = run(on({"/nonexistent/kern.log"}));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "simtrinity triage: cannot read /nonexistent/kern.log: no such file or directory\n");
  auto o = on({fixture("sim")});
  o.known_path = "/nonexistent/known.txt";
  EXPECT_EQ(run(o).status, 2);
}

TEST(Cli, UnwritableOutputIsExitTwo) {
  auto o = on({fixture("sim")});
  o.json_path = "/nonexistent/dir/out.json";
  const auto r = run(o);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("simtrinity triage: cannot write /nonexistent/dir/out.json", 0), 0u) << r.err;
  const auto dir = scratch_dir("unwritable");
  std::ofstream(dir + "/file") << "x";
  auto d = on({fixture("sim")});
  d.dot_dir = dir + "/file";
  EXPECT_EQ(run(d).status, 2);
}

}  // namespace
}  // namespace simtrinity::report::testing
