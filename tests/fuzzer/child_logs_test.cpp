// --log DIR, as Trinity's child logs: each call is written before it is
// made and its result after, so the call a child never came back from ends
// its log; each file is capped (--log-size) by rotation, nothing lost at
// the seam; runs sharing the files (--jobs) resume their lines strace's way.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_io.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> v;
  std::istringstream is(text);
  for (std::string l; std::getline(is, l);) v.push_back(l);
  return v;
}

// "[run R] [childC:P] [S] rest": R, C, S and rest; false if it is not one.
// (By hand: std::regex takes seconds over these megabytes.)
struct LogLine {
  uint64_t run = 0, seq = 0;
  int child = 0;
  std::string who, rest;
};
bool parse(const std::string& l, LogLine& out) {
  unsigned long long run = 0, seq = 0;
  int child = 0, pid = 0, who_at = -1, rest_at = -1;
  if (std::sscanf(l.c_str(), "[run %llu] %n[child%d:%d] [%llu] %n", &run, &who_at, &child, &pid, &seq, &rest_at) != 4 ||
      rest_at < 0)
    return false;
  out.run = run;
  out.seq = seq;
  out.child = child;
  out.who = l.substr(static_cast<size_t>(who_at), static_cast<size_t>(rest_at - who_at));
  out.rest = l.substr(static_cast<size_t>(rest_at));
  return true;
}

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// A result after the call: "name(...) = 0", "name(...) = -2 (ENOENT)".
bool has_result(const std::string& rest) {
  size_t at = rest.rfind(") = ");
  if (at == std::string::npos) return false;
  const char* p = rest.c_str() + at + 4;
  if (*p == '-') p++;
  if (!std::isdigit(static_cast<unsigned char>(*p))) return false;
  while (std::isdigit(static_cast<unsigned char>(*p))) p++;
  return *p == 0 || (p[0] == ' ' && p[1] == '(' && ends_with(rest, ")"));
}
bool is_resumed(const std::string& rest) { return rest.rfind("<... ", 0) == 0 && rest.find(" resumed> = ") != std::string::npos; }

}  // namespace

TEST(ChildLogs, EachLogEndsWithTheCallItsChildBlockedIn) {
  // The default 3.8 campaign ends at the deadlock, in its first run on this
  // seed. The oracle is the deadlock report's own rings: a child whose last
  // call never returned ("= ...") is the child whose log ends with that
  // call, with no result; every other line has its result.
  simtest::TempDir t;
  auto o = simtest::simtrinity("run -q -s 1 -o " + (t / "f") + " --log " + (t / "logs"));
  ASSERT_EQ(o.status, 1) << o.out;
  std::string report;
  for (const auto& d : fs::directory_iterator(t / "f"))
    if (d.path().filename().string().rfind("possible_deadlock", 0) == 0) report = simtest::slurp(d.path() / "report.txt");
  ASSERT_FALSE(report.empty()) << o.out;
  std::map<int, std::string> blocked;  // child -> its ring's last line, a call with no result
  std::map<int, std::string> last_ring;
  std::regex ring(R"(^(\[child([0-9]+):[0-9]+\] \[[0-9]+\] .*)$)");
  for (const auto& l : lines_of(report)) {
    std::smatch m;
    if (std::regex_match(l, m, ring)) last_ring[std::stoi(m[2])] = m[1];
  }
  for (const auto& [c, l] : last_ring)
    if (l.size() > 6 && l.compare(l.size() - 6, 6, " = ...") == 0) blocked[c] = l.substr(0, l.size() - 6);
  ASSERT_FALSE(blocked.empty()) << report;

  for (int c = 0; c < 4; c++) {
    const auto lines = lines_of(simtest::slurp(t / ("logs/trinity-child" + std::to_string(c) + ".log")));
    ASSERT_FALSE(lines.empty()) << c;
    for (size_t i = 0; i < lines.size(); i++) {
      LogLine ll;
      ASSERT_TRUE(parse(lines[i], ll)) << lines[i];
      EXPECT_EQ(ll.run, 0u);
      EXPECT_EQ(ll.child, c);
      if (i + 1 < lines.size()) EXPECT_TRUE(has_result(ll.rest)) << c << ": " << lines[i];
    }
    LogLine last;
    parse(lines.back(), last);
    if (blocked.count(c)) {
      EXPECT_EQ(last.who + last.rest, blocked[c]) << "child " << c;
      EXPECT_FALSE(has_result(last.rest)) << lines.back();
    } else {
      EXPECT_TRUE(has_result(last.rest)) << "child " << c << " did not block: " << lines.back();
    }
  }
}

TEST(ChildLogs, SizeCapHoldsAndRotationLosesNoCall) {
  // 10,000 calls a child at about 80 bytes a line: most of a megabyte uncapped.
  simtest::TempDir t;
  const uint64_t cap = 65536;
  auto o = simtest::simtrinity("run -q -o '' --kernel 3.9 -N 40000 --run-length 10000 --log " + (t / "logs") +
                               " --log-size " + std::to_string(cap));
  ASSERT_EQ(o.status, 0) << o.out;
  for (int c = 0; c < 4; c++) {
    const std::string base = t / ("logs/trinity-child" + std::to_string(c));
    ASSERT_TRUE(fs::exists(base + ".1.log")) << "never rotated";
    EXPECT_LE(fs::file_size(base + ".log"), cap);
    EXPECT_LE(fs::file_size(base + ".1.log"), cap);
    EXPECT_GT(fs::file_size(base + ".1.log"), cap / 2);
    EXPECT_FALSE(fs::exists(base + ".2.log"));
    // Across the seam the calls follow one another, each whole.
    const auto lines = lines_of(simtest::slurp(base + ".1.log") + simtest::slurp(base + ".log"));
    ASSERT_GT(lines.size(), 500u);
    LogLine prev;
    for (size_t i = 0; i < lines.size(); i++) {
      LogLine ll;
      ASSERT_TRUE(parse(lines[i], ll)) << i << ": " << lines[i];
      EXPECT_TRUE(has_result(ll.rest)) << lines[i];
      if (i && ll.run == prev.run) EXPECT_EQ(ll.seq, prev.seq + 1) << lines[i - 1] << "\n" << lines[i];
      prev = ll;
    }
    // The campaign's last run (0..3) ends the log: with one job no run
    // starts after the one that spends -N.
    EXPECT_EQ(prev.run, 3u);
  }
}

TEST(ChildLogs, RunsSideBySideResumeTheirLines) {
  // Two jobs write the same four files: a line another run's call finds
  // open stays without a result and its call's result follows later as
  // "<... name resumed>"; every call is there once, with its result once.
  simtest::TempDir t;
  auto o = simtest::simtrinity("run -q -o '' --kernel 3.9 --runs 6 --run-length 4000 -j 2 --log " + (t / "logs"));
  ASSERT_EQ(o.status, 0) << o.out;
  for (int c = 0; c < 4; c++) {
    std::map<std::pair<uint64_t, uint64_t>, int> calls, results;
    for (const auto& l : lines_of(simtest::slurp(t / ("logs/trinity-child" + std::to_string(c) + ".log")))) {
      LogLine ll;
      ASSERT_TRUE(parse(l, ll)) << l;
      const auto key = std::make_pair(ll.run, ll.seq);
      if (!is_resumed(ll.rest)) calls[key]++;
      if (is_resumed(ll.rest) || has_result(ll.rest)) results[key]++;
    }
    std::set<uint64_t> runs;
    for (const auto& [k, n] : calls) {
      EXPECT_EQ(n, 1) << "run " << k.first << " call " << k.second;
      EXPECT_EQ(results[k], 1) << "run " << k.first << " call " << k.second;
      runs.insert(k.first);
    }
    EXPECT_EQ(results.size(), calls.size());
    EXPECT_EQ(runs.size(), 6u);
  }
}

TEST(ChildLogs, LogSizeIsRangeChecked) {
  for (const char* v : {"0", "4095", "-1", "1e6"}) {
    auto o = simtest::simtrinity(std::string("run -q -o '' --log-size ") + v);
    EXPECT_EQ(o.status, 2) << v << ": " << o.out;
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1) << o.out;
  }
}
