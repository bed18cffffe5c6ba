// The differential suite: every program under tests/diff/cases/ runs on the
// simulated kernel (the profile its `kernel` line names) and on the host's
// kernel (host_exec, in a private mount namespace), and every call's outcome
// (prog::outcome_line) must be the same on both.
//
// Where Linux changed after the profile's version, the case says so in its
// header, once per call that differs:
//
//   # changed: 3 = -1 ENOENT -- <commit> <subject>
//
// i.e. call 3 of the program (counting every child's calls in order from 1)
// gives "-1 ENOENT" on the simulated kernel, as the profile's Linux did, and
// the host, which has <commit>, gives something else. An annotation the host
// agrees with is stale, and fails.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/outcome.h"
#include "tests/diff/cases.h"

namespace fs = std::filesystem;
using namespace simtrinity;

namespace {

// The simulator's side: one line per call, per child, in the order each
// child made them.
class OutcomeLines : public CallObserver {
 public:
  explicit OutcomeLines(const prog::Program& p) : p_(p) {}
  void after_call(const CallEvent& e) override {
    for (const auto& c : p_.children)
      if (c.index == e.child) {
        auto& lines = lines_[e.child];
        const prog::ProgCall& pc = c.calls.at(lines.size());
        lines.push_back(prog::outcome_line(pc, e.ret, e.buf, inodes_[e.child]));
      }
  }
  std::map<int, std::vector<std::string>> lines_;

 private:
  std::map<int, prog::InodeIds> inodes_;
  const prog::Program& p_;
};

std::map<int, std::vector<std::string>> sim_lines(const prog::Program& p) {
  OutcomeLines obs(p);
  RunPlan plan = prog::program_plan(p);
  plan.observers.push_back(&obs);
  run_harness(std::move(plan));
  return obs.lines_;
}

struct HostRun {
  int status = 0;
  std::string out;
  std::map<int, std::vector<std::string>> lines;
};

HostRun host_lines(const std::string& file) {
  HostRun r;
  std::string cmd = std::string(SIMTRINITY_BINARY_DIR) + "/host_exec '" + file + "' 2>&1";
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) {
    r.status = -1;
    return r;
  }
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) r.out.append(chunk, n);
  int st = pclose(f);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    int child = 0, used = 0;
    if (std::sscanf(line.c_str(), "child %d: %n", &child, &used) == 1 && used > 0)
      r.lines[child].push_back(line.substr(static_cast<size_t>(used)));
  }
  return r;
}

class Differential : public testing::TestWithParam<std::string> {};

TEST_P(Differential, SimulatorAgreesWithHost) {
  const std::string file = difftest::case_dir() + "/" + GetParam();
  difftest::Case c = difftest::load_case(file);
  ASSERT_TRUE(c.error.empty()) << c.error;
  HostRun host = host_lines(file);
  if (host.status == 77) GTEST_SKIP() << host.out;
  ASSERT_EQ(host.status, 0) << "host_exec failed:\n" << host.out;
  auto sim = sim_lines(c.program);

  size_t ordinal = 0;
  for (const auto& child : c.program.children) {
    const auto& s = sim[child.index];
    const auto& h = host.lines[child.index];
    ASSERT_EQ(s.size(), child.calls.size()) << "the simulator made fewer calls in child " << child.index;
    ASSERT_EQ(h.size(), child.calls.size()) << "the host made fewer calls in child " << child.index << ":\n" << host.out;
    for (size_t i = 0; i < child.calls.size(); i++) {
      ordinal++;
      auto it = c.changed.find(ordinal);
      if (it == c.changed.end()) {
        EXPECT_EQ(s[i], h[i]) << GetParam() << " call " << ordinal << " (child " << child.index
                              << "): simulator vs host";
        continue;
      }
      const std::string want = prog::print_call([&] {
        prog::ProgCall pc = child.calls[i];
        pc.result = -1;
        pc.unlisted = false;
        return pc;
      }()) + " = " + it->second.outcome;
      EXPECT_EQ(s[i], want) << GetParam() << " call " << ordinal << ": the simulator should give what "
                            << c.program.kernel << " gave (annotated: " << it->second.why << ")";
      EXPECT_NE(h[i], want) << GetParam() << " call " << ordinal
                            << ": stale annotation, the host agrees with the old behaviour (" << it->second.why << ")";
    }
  }
  for (const auto& [n, ch] : c.changed)
    EXPECT_LE(n, ordinal) << GetParam() << ": annotation for call " << n << ", which the program does not have";
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string n;
  for (char ch : info.param) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n.substr(0, n.size() - 5);  // without "_prog"
}

INSTANTIATE_TEST_SUITE_P(Cases, Differential, testing::ValuesIn(difftest::case_files()), test_name);

// The annotations themselves: what load_case() accepts and rejects.
TEST(DiffCases, AnnotationsParse) {
  auto c = difftest::parse_case(
      "# changed: 2 = -1 ENOENT -- 1234567890ab fs: something\nkernel 3.9\nchild 0\n"
      "  mkdir(\"/tmp/a\", 0755)\n  mkdir(\"/tmp/a\", 0755)\n",
      "t.prog");
  ASSERT_TRUE(c.error.empty()) << c.error;
  ASSERT_EQ(c.changed.size(), 1u);
  EXPECT_EQ(c.changed.at(2).outcome, "-1 ENOENT");
  EXPECT_EQ(c.changed.at(2).why, "1234567890ab fs: something");
  auto bad = difftest::parse_case("# changed: 2 = -1 ENOENT\nkernel 3.9\nchild 0\n  getpid()\n", "t.prog");
  EXPECT_NE(bad.error.find("t.prog"), std::string::npos) << bad.error;
}

TEST(DiffCases, EveryCaseNamesItsSource) {
  for (const auto& f : difftest::case_files()) {
    auto c = difftest::load_case(difftest::case_dir() + "/" + f);
    EXPECT_TRUE(c.error.empty()) << c.error;
    bool named = std::any_of(c.program.header.begin(), c.program.header.end(),
                             [](const std::string& h) { return h.rfind(" source: ", 0) == 0; });
    EXPECT_TRUE(named) << f << ": no '# source: ...' line";
  }
}

}  // namespace
