// simtrinity run/syscalls/kernels as a user sees them: exit codes and output.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <filesystem>
#include <vector>

#include "fuzzer/campaign/run_flags.h"
#include "fuzzer/harness/schedulers.h"
#include "tests/support/test_io.h"

TEST(Cli, DefaultRunFindsTheDeadlockAndExits1) {
  auto o = simtest::simtrinity("run -q -o ''");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.out.find("possible deadlock in lock_rename"), std::string::npos);
  EXPECT_NE(o.out.find("Showing all locks held in the system:"), std::string::npos);
}

TEST(Cli, CleanKernelExits0) {
  auto o = simtest::simtrinity("run -q -o '' --kernel 3.9 -N 100000");
  EXPECT_EQ(o.status, 0) << o.out;
}

TEST(Cli, BadUsageExits2WithOneLine) {
  for (const char* args : {"run --kernel 4.0", "run -c nosuchcall", "run -x nosuchcall", "run -o /dev/null/x",
                           "run --scheduler fifo", "run -g nope"}) {
    auto o = simtest::simtrinity(args);
    EXPECT_EQ(o.status, 2) << args << "\n" << o.out;
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '\n'), 1) << args << "\n" << o.out;
  }
}

TEST(Cli, SyscallsAndKernels) {
  auto s = simtest::simtrinity("syscalls");
  EXPECT_EQ(s.status, 0);
  EXPECT_NE(s.out.find("rename"), std::string::npos);
  EXPECT_NE(s.out.find("PATHNAME"), std::string::npos);
  auto k = simtest::simtrinity("kernels");
  EXPECT_EQ(k.status, 0);
  EXPECT_NE(k.out.find("3.8"), std::string::npos);
  EXPECT_NE(k.out.find("3.9"), std::string::npos);
  // Each zoo profile's line names the upstream commits it models.
  for (const char* commit : {"51f0885e5415", "28eceeda130f", "f23ce7571853", "22e111ed6c83", "a8b0026847b8"})
    EXPECT_NE(k.out.find(commit), std::string::npos) << commit;
  for (const char* c : {"run --help", "syscalls --help", "kernels --help", "merge --help"}) {
    auto h = simtest::simtrinity(c);
    EXPECT_EQ(h.status, 0) << c;
    EXPECT_NE(h.out.find("Examples:"), std::string::npos) << c;
  }
}

TEST(Cli, SameSeedByteIdenticalStdout) {
  auto run = [](const char* extra) {
    return simtest::simtrinity(std::string("run -s 9 -N 200000 --no-stop-on-first -o '' --jobs 1 ") + extra,
                               "2>/dev/null");
  };
  auto a = run(""), b = run("");
  EXPECT_EQ(a.status, 1);
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("errno histogram"), std::string::npos);
}

TEST(Cli, JsonJunitSuppress) {
  std::string dir = std::string(SIMTRINITY_BINARY_DIR);  // not /tmp: other checkouts' tests share it
  std::string j = dir + "/st.json", x = dir + "/st.xml", s = dir + "/known.txt";
  FILE* f = std::fopen(s.c_str(), "w");
  std::fputs("# known\npossible deadlock in lock_rename\nsame lock instance nested in lock_rename\n"
             "directory inode with several dentries in proc_lookup_de\n", f);
  std::fclose(f);
  auto o = simtest::simtrinity("run -q -o '' -N 100000 --json " + j + " --junit " + x + " --suppress " + s);
  EXPECT_EQ(o.status, 0) << o.out;
  auto o2 = simtest::simtrinity("run -q -o '' -N 100000 --json " + j + " --junit " + x);
  EXPECT_EQ(o2.status, 1) << o2.out;
  FILE* jf = std::fopen(j.c_str(), "r");
  ASSERT_NE(jf, nullptr);
  std::fclose(jf);
}

TEST(Cli, EveryRunFlagOfTheTableIsInHelp) {
  auto h = simtest::simtrinity("run --help");
  ASSERT_EQ(h.status, 0);
  simtrinity::RunFlags f;
  int rows = 0;
  simtrinity::for_each_run_flag(f, [&](std::string_view names, std::string_view, bool, auto&) {
    rows++;
    EXPECT_NE(h.out.find(std::string(simtrinity::long_name(names))), std::string::npos) << names;
  });
  EXPECT_GE(rows, 20);
  for (const auto& s : simtrinity::schedulers()) EXPECT_NE(h.out.find(std::string(s.name) + " "), std::string::npos);
}

TEST(Cli, TheRunLineOfAReproMakesTheSameFindings) {
  // Non-default values for every replayed flag that changes what a run does.
  namespace fs = std::filesystem;
  const fs::path a = fs::path(SIMTRINITY_BINARY_DIR) / "cli-replay-a", b = fs::path(SIMTRINITY_BINARY_DIR) / "cli-replay-b";
  fs::remove_all(a);
  fs::remove_all(b);
  auto first = simtest::simtrinity("run -q -c rename -c open -c mkdir -c chdir -C 3 -s 7 --netns-children 60 --scheduler rr "
                  "--run-length 4000 -V /victim2 -o " + a.string(), "2>/dev/null");
  ASSERT_EQ(first.status, 1) << first.out;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(a)) dirs.push_back(e.path().filename());
  ASSERT_FALSE(dirs.empty());
  std::string prog = simtest::slurp(a / dirs[0] / "repro.prog");
  const std::string key = "# the run: simtrinity run ";
  size_t at = prog.find(key);
  ASSERT_NE(at, std::string::npos) << prog.substr(0, 500);
  std::string line = prog.substr(at + key.size(), prog.find('\n', at) - at - key.size());
  for (const char* want : {"--children 3", "--seed 7", "--netns-children 60", "--scheduler rr", "--run-length 4000",
                           "--victim /victim2", "--syscall rename", "--syscall chdir", "--only-run "})
    EXPECT_NE(line.find(want), std::string::npos) << want << " in " << line;
  auto again = simtest::simtrinity("run -q -o " + b.string() + " " + line, "2>/dev/null");
  EXPECT_EQ(again.status, 1) << again.out;
  EXPECT_EQ(simtest::slurp(b / dirs[0] / "report.txt"), simtest::slurp(a / dirs[0] / "report.txt")) << line;
}
