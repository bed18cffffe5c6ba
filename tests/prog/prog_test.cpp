// The .prog format, program execution and reproducers of campaign findings.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzzer/campaign/campaign.h"
#include "fuzzer/generate/arg_gen.h"
#include "fuzzer/prog/exec.h"
#include <fmt/format.h>
#include "fuzzer/prog/program.h"
#include "fuzzer/harness/schedulers.h"
#include "simkernel/base/prng.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using namespace simtrinity;
using namespace simtrinity::prog;

namespace {

using simtest::slurp;

// A random program through the fuzzer's own generators, with rN results,
// every schedule kind, netns children and awkward strings.
Program random_program(uint64_t seed) {
  sk::Prng r(seed);
  FileList files;
  files.files = {"/proc/1/net/stat", "/tmp", "/proc/self/net", "/victim/a\"b\\c", "/tmp/\x01\x7f\xff"};
  files.dirs = {"/tmp", "/proc/1/net/stat"};
  Program p;
  if (r.chance(1, 3)) p.header = {" a comment", "", " another # with hash"};
  const char* kernels[] = {"3.8", "3.9", "2.6.24", "netns-symlink"};
  p.kernel = kernels[r.below(4)];
  if (r.chance(1, 3)) {
    p.detect.deadlock = r.chance(1, 2);
    p.detect.lockdep = r.chance(1, 2);
    p.detect.vfs = r.chance(1, 2);
  }
  switch (r.below(3)) {
    case 0: p.schedule.policy = "random"; p.schedule.params = {r.next()}; break;
    case 1: p.schedule.policy = "rr"; p.schedule.params = {1 + r.below(20)}; break;
    default:
      p.schedule.policy = "replay";
      p.schedule.params.clear();
      for (uint64_t i = 0, n = r.below(40); i < n; i++) p.schedule.choices.push_back(static_cast<uint32_t>(r.below(6)));
  }
  int nch = 1 + static_cast<int>(r.below(4));
  for (int ci = 0; ci < nch; ci++) {
    ProgChild c;
    c.index = ci * 2 + static_cast<int>(r.below(2));
    c.new_netns = r.chance(1, 3);
    FdPool fds;
    fds.add(3);
    PrngRand gr(r.next());
    NamePool names;
    ArgGen gen(gr, files, names, NamePool::kDefaultReuse, fds);
    int bound = 0;
    for (uint64_t i = 0, n = r.below(12); i < n; i++) {
      Call call;
      const auto& t = syscall_table();
      call.e = &t[r.below(t.size())];
      gen.generate(call);
      ProgCall pc;
      pc.e = call.e;
      for (size_t a = 0; a < call.e->args.size(); a++) {
        Arg arg;
        ArgType ty = call.e->args[a].type;
        if (ty == ArgType::pathname || ty == ArgType::newpath || ty == ArgType::string) {
          arg.kind = Arg::Kind::str;
          arg.s = call.s[a];
        } else if ((ty == ArgType::fd || ty == ArgType::dirfd) && bound && r.chance(1, 2)) {
          arg.kind = Arg::Kind::ref;
          arg.ref = static_cast<int>(r.below(bound));
        } else if (ty != ArgType::buf && ty != ArgType::clone_fn) {
          arg.v = call.v[a];
        }
        pc.args.push_back(arg);
      }
      if (r.chance(1, 3)) pc.result = bound++;
      pc.unlisted = r.chance(1, 5);
      c.calls.push_back(pc);
    }
    p.children.push_back(c);
  }
  return p;
}

}  // namespace

TEST(ProgFormat, RoundTrip10000GeneratedPrograms) {
  for (uint64_t s = 0; s < 10000; s++) {
    Program p = random_program(s);
    std::string text = print(p);
    std::string err;
    auto q = parse(text, "gen.prog", err);
    ASSERT_TRUE(q) << err << "\n" << text;
    ASSERT_EQ(print(*q), text) << "seed " << s;
    ASSERT_TRUE(*q == p) << "seed " << s << "\n" << text;
  }
}

TEST(ProgFormat, ParsesTheIssueExample) {
  const char* text = R"(# comments start with '#'
kernel 3.8
detect all                      # optional: which detectors are on
schedule random 1234
child 0
  r0 = open("/proc/1/net", O_RDONLY|O_DIRECTORY, 0)
  rename("/proc/1/net/stat/arp_cache", "/proc/2/net/stat/x")
  renameat(r0, "stat/rt_cache", AT_FDCWD, "/proc/2/net/stat/y")
child 1 netns=new               # child 1 unshares its network namespace first
  r0 = mkdir("/tmp/a", 0755)    # results are per child: this r0 is not child 0's
  rename("/tmp/a", "/proc/self/net/stat/z")
)";
  std::string err;
  auto p = parse(text, "x.prog", err);
  ASSERT_TRUE(p) << err;
  ASSERT_EQ(p->children.size(), 2u);
  EXPECT_EQ(p->children[0].calls[0].args[1].v, O_RDONLY | O_DIRECTORY);
  EXPECT_EQ(p->children[0].calls[2].args[0].kind, Arg::Kind::ref);
  EXPECT_EQ(p->children[0].calls[2].args[2].v, AT_FDCWD);
  EXPECT_TRUE(p->children[1].new_netns);
  EXPECT_EQ(p->children[1].calls[0].args[1].v, 0755);
  EXPECT_EQ(p->schedule.params, std::vector<uint64_t>{1234});
}

// A header holds what a command line gave (minimize's input path, the run
// line of a finding): a newline, a quote or a control byte in it still
// prints as one comment line, and the program parses back.
TEST(ProgFormat, HeaderWithNewlinesAndQuotesStillParses) {
  std::string err;
  auto p = parse("kernel 3.8\nchild 0\n  getpid()\n", "x.prog", err);
  ASSERT_TRUE(p) << err;
  p->header = {" minimized from dir/a\nb\r.prog by simtrinity minimize", " the run: simtrinity run -o 'x\"y\x7f'",
               " a path ending in CR\r"};
  const std::string text = print(*p);
  auto back = parse(text, "y.prog", err);
  ASSERT_TRUE(back) << err << "\n" << text;
  ASSERT_EQ(back->header.size(), 3u) << text;
  // A CR inside a line is read as it is, so it stays (the parser's round
  // trip needs it); one at the end, which the parser would strip, is \x0d.
  EXPECT_EQ(back->header[0], " minimized from dir/a\\x0ab\r.prog by simtrinity minimize");
  EXPECT_EQ(back->header[2], " a path ending in CR\\x0d");
  EXPECT_EQ(back->header[1], " the run: simtrinity run -o 'x\"y\\x7f'");
  EXPECT_EQ(back->children[0].calls.size(), 1u);
}

TEST(ProgFormat, ErrorsPointAtLineAndColumn) {
  struct Case {
    std::string text, error;
  } cases[] = {
      {"kernel 3.8\nchild 0\n  frobnicate(1)\n", "t.prog:3:3: unknown syscall 'frobnicate'"},
      {"kernel 3.8\nchild 0\n  open(\"/a\", O_BOGUS, 0)\n", "t.prog:3:14: unknown constant 'O_BOGUS'"},
      {"kernel 3.8\nchild 0\n  close(r4)\n", "t.prog:3:9: unbound result 'r4' (no earlier 'r4 = ...' in this child)"},
      {"kernel 3.8\nchild 0\n  r0 = open(\"/a\", 0, 0)\nchild 1\n  close(r0)\n",
       "t.prog:5:9: unbound result 'r0' (no earlier 'r0 = ...' in this child)"},
      {"kernel 3.8\nfrob 1\n", "t.prog:2:1: unknown keyword 'frob'"},
      {"kernel 3.8\nchild 0\n  rename(\"/a, /b)\n", "t.prog:3:10: unterminated string"},
      {"kernel 3.8\nchild 0\n  rename(\"/a\\q\", \"/b\")\n", "t.prog:3:13: bad escape '\\q'"},
      {"child 0\n  getpid()\n", "t.prog:1:1: missing 'kernel' line (e.g. 'kernel 3.8')"},
      {"kernel 3.8\n", "t.prog:1:1: no 'child' block: a program needs at least one child"},
      {"kernel 4.2\nchild 0\n", "t.prog:1:8: unknown kernel profile '4.2'"},
      {"kernel 3.8\nchild 0\n  rename(\"/a\", \"/b\"", "t.prog:3:20: expected ')' (the line ends inside the call)"},
      {"kernel 3.8\nchild 0\n  rename(\"/a\")\n", "t.prog:3:14: too few arguments: rename takes 2, got 1"},
      {"kernel 3.8\n\x01\x02garbage", "t.prog:2:1: invalid byte 0x01"},
      {"kernel 3.8\nschedule replay 1 x\n", "t.prog:2:19: expected a task index"},
      {"kernel 3.8\nchild 0\n  getpid(99999999999999999999)\n", "t.prog:3:10: too many arguments: getpid takes 0"},
      {"kernel 3.8\nchild 0\n  close(99999999999999999999)\n", "t.prog:3:9: number out of range"},
  };
  for (const auto& c : cases) {
    std::string err;
    auto p = parse(c.text, "t.prog", err);
    EXPECT_FALSE(p) << c.text;
    EXPECT_EQ(err, c.error) << c.text;
    EXPECT_EQ(err.find('\n'), std::string::npos);
  }
}

TEST(ProgFormat, HugeAndGarbageInputsGiveOneError) {
  std::string err;
  std::string big = "kernel 3.8\nchild 0\n  " + std::string(10 << 20, 'A') + "\n";
  EXPECT_FALSE(parse(big, "big.prog", err));
  EXPECT_EQ(err.rfind("big.prog:3:3: unknown keyword 'AAAA", 0), 0u) << err.substr(0, 200);
  EXPECT_LT(err.size(), 200u);
  sk::Prng r(7);
  for (int i = 0; i < 200; i++) {
    std::string g(1 + r.below(4096), '\0');
    for (auto& ch : g) ch = static_cast<char>(r.below(256));
    err.clear();
    auto p = parse(g, "g.prog", err);
    if (!p) {
      EXPECT_EQ(err.rfind("g.prog:", 0), 0u);
      EXPECT_EQ(err.find('\n'), std::string::npos);
    }
  }
  // Every prefix of a valid program parses or fails with one line.
  std::string text = print(random_program(3));
  for (size_t n = 0; n < text.size(); n++) {
    err.clear();
    auto p = parse(text.substr(0, n), "t.prog", err);
    if (!p) EXPECT_EQ(err.find('\n'), std::string::npos);
  }
}

TEST(ProgExec, TheArticlesRenameDeadlocksOn38Only) {
  std::string err;
  auto p = parse("kernel 3.8\nchild 0\n  rename(\"/proc/1/net/stat/a\", \"/proc/2/net/stat/b\")\n", "a.prog", err);
  ASSERT_TRUE(p) << err;
  RunOutcome r = execute(*p);
  ASSERT_TRUE(r.primary());
  EXPECT_EQ(r.primary()->id.title, "possible deadlock in lock_rename");
  for (const char* k : {"3.9", "2.6.24", "netns-symlink"}) {
    ExecOptions o;
    o.kernel = k;
    EXPECT_TRUE(execute(*p, o).findings.empty()) << k;
  }
  // Same program, same output.
  RunOutcome r2 = execute(*p);
  EXPECT_EQ(r2.primary()->report.text, r.primary()->report.text);
  EXPECT_EQ(r2.rings, r.rings);
}

TEST(ProgExec, CampaignFindingReplaysToTheByteIdenticalReport) {
  fs::path out = fs::path(SIMTRINITY_BINARY_DIR) / "prog-test-findings";
  fs::remove_all(out);
  CampaignOptions o;
  o.flags.kernel = "3.8";
  o.flags.children = 4;
  o.flags.seed = 1;
  o.flags.out = out.string();
  o.flags.quiet = true;
  FILE* devnull = std::fopen("/dev/null", "w");
  CampaignResult res = run_campaign(o, devnull);
  std::fclose(devnull);
  ASSERT_FALSE(res.findings.empty());
  bool saw_deadlock = false;
  for (const auto& f : res.findings) {
    fs::path dir = out / f.dir;
    std::string report = slurp(dir / "report.txt");
    std::string kernel_part = report.substr(0, report.find("\nTrinity children, last calls"));
    std::string err;
    auto p = parse(slurp(dir / "repro.prog"), "repro.prog", err);
    ASSERT_TRUE(p) << err;
    RunOutcome r = execute(*p);
    bool found = false;
    for (const auto& rep : r.findings) {
      if (rep.id.bucket == f.id && !found) {
        std::string t = rep.report.text;
        if (t.empty() || t.back() != '\n') t += "\n";
        EXPECT_EQ(t, kernel_part) << f.title;
        found = true;
      }
    }
    EXPECT_TRUE(found) << f.title;
    if (f.title == "possible deadlock in lock_rename") {
      saw_deadlock = true;
      ExecOptions eo;
      eo.kernel = "3.9";
      EXPECT_TRUE(execute(*p, eo).findings.empty());
    }
  }
  EXPECT_TRUE(saw_deadlock);
}

TEST(ProgFormat, ParserFuzzerRegressionsRoundTrip) {
  // Found by prog_parser_fuzzer: a header comment ending in "\r\r", a negative
  // mode, a CR inside a header comment (printed as \x0d once, so it came back
  // as other text).
  for (const char* name : {"crlf-header-regression", "negative-mode-regression", "cr-inside-header-regression"}) {
    std::string err;
    auto p = parse(slurp(fs::path(SIMTRINITY_SOURCE_DIR) / "corpus/prog_parser_fuzzer" / name), name, err);
    ASSERT_TRUE(p) << err;
    std::string text = print(*p);
    auto q = parse(text, "printed", err);
    ASSERT_TRUE(q) << err << "\n" << text;
    EXPECT_TRUE(*q == *p) << text;
    EXPECT_EQ(print(*q), text);
  }
}

TEST(ProgFormat, SchedulesComeFromTheSchedulerTable) {
  std::string err;
  auto p = parse("kernel 3.8\nschedule rr\nchild 0\n", "a.prog", err);
  ASSERT_TRUE(p) << err;
  EXPECT_EQ(p->schedule.policy, "rr");
  EXPECT_EQ(p->schedule.params, std::vector<uint64_t>{8});  // the table's default quantum
  EXPECT_NE(print(*p).find("schedule rr 8\n"), std::string::npos);
  EXPECT_FALSE(parse("kernel 3.8\nschedule rr 0\nchild 0\n", "a.prog", err));
  EXPECT_NE(err.find("a.prog:2:13: quantum out of range (1..1000000)"), std::string::npos) << err;
  EXPECT_FALSE(parse("kernel 3.8\nschedule random\nchild 0\n", "a.prog", err));
  EXPECT_NE(err.find("expected a seed after 'schedule random'"), std::string::npos) << err;
  EXPECT_FALSE(parse("kernel 3.8\nschedule fifo\nchild 0\n", "a.prog", err));
  for (const auto& s : schedulers()) EXPECT_NE(err.find(std::string(s.name)), std::string::npos) << err;
}
