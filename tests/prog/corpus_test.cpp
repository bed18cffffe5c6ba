// corpus/repros replays on every profile exactly as its comments say; the
// libFuzzer seed corpus covers every syscall; decode and repro agree; the
// CLI's exit codes and error lines on malformed input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/fuzz_input.h"
#include "fuzzer/prog/program.h"
#include "simkernel/profiles.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using namespace simtrinity;
using namespace simtrinity::prog;

namespace {

using simtest::slurp;

std::set<std::string> words_after(const Program& p, const std::string& key) {
  std::set<std::string> out;
  for (const auto& h : p.header) {
    auto at = h.find(key);
    if (at == std::string::npos) continue;
    std::istringstream ss(h.substr(at + key.size()));
    for (std::string w; ss >> w;) out.insert(w);
  }
  return out;
}

std::string header_value(const Program& p, const std::string& key) {
  for (const auto& h : p.header) {
    auto at = h.find(key);
    if (at != std::string::npos) return h.substr(at + key.size());
  }
  return "";
}

using Cli = simtest::CliResult;
Cli cli(const std::string& args) { return simtest::simtrinity(args); }

const fs::path kSrc = SIMTRINITY_SOURCE_DIR;
const fs::path kScratch = fs::path(SIMTRINITY_BINARY_DIR) / "prog-test-scratch";

}  // namespace

TEST(CorpusRepros, EachReproducesExactlyOnTheProfilesItNames) {
  int files = 0;
  for (const auto& ent : fs::directory_iterator(kSrc / "corpus/repros")) {
    if (ent.path().extension() != ".prog") continue;
    files++;
    std::string err;
    auto p = parse(slurp(ent.path()), ent.path().string(), err);
    ASSERT_TRUE(p) << err;
    auto yes = words_after(*p, "reproduces on:");
    auto no = words_after(*p, "clean on:");
    std::string title = header_value(*p, "title: ");
    ASSERT_FALSE(yes.empty()) << ent.path();
    ASSERT_FALSE(title.empty()) << ent.path();
    for (const auto& prof : sk::all_profiles()) {
      std::string name(prof.name);
      ASSERT_TRUE(yes.count(name) + no.count(name) == 1) << ent.path() << " says nothing (or both) about " << name;
      ExecOptions o;
      o.kernel = name;
      RunOutcome r = execute(*p, o);
      if (yes.count(name)) {
        EXPECT_TRUE(r.has_title(title)) << ent.path() << " on " << name;
      } else {
        // Clean as repro counts it: no fatal report (on 3.8, trinity-main's
        // walk of /proc warns about directory dentries before any call).
        EXPECT_FALSE(r.has_title(title)) << ent.path() << " on " << name;
        for (const auto& f : r.findings) EXPECT_FALSE(f.id.fatal) << ent.path() << " on " << name << ": " << f.id.title;
      }
    }
  }
  EXPECT_GE(files, 4);
}

TEST(SeedCorpus, CoversEverySyscallWithoutAFatalReport) {
  std::set<std::string> called;
  int seeds = 0;
  for (const auto& ent : fs::directory_iterator(kSrc / "corpus/simkernel_fuzzer")) {
    seeds++;
    std::string d = slurp(ent.path());
    auto fr = run_fuzz_input(reinterpret_cast<const uint8_t*>(d.data()), d.size(), "3.8", true);
    for (const auto& r : fr.findings) EXPECT_FALSE(r.id.fatal) << ent.path() << ": " << r.id.title;
    for (const auto& c : fr.recording->children)
      for (const auto& pc : c.calls) called.insert(pc.e->name);
    // The decoded program replays the same run: same reports, byte for byte.
    RunOutcome again = execute(*fr.recording);
    ASSERT_EQ(again.findings.size(), fr.findings.size()) << ent.path();
    for (size_t i = 0; i < again.findings.size(); i++)
      EXPECT_EQ(again.findings[i].report.text, fr.findings[i].report.text);
    EXPECT_EQ(again.rings, fr.rings) << ent.path();
    // And its text parses back to the same program.
    std::string err;
    auto q = parse(print(*fr.recording), "decoded.prog", err);
    ASSERT_TRUE(q) << err;
    EXPECT_TRUE(*q == *fr.recording);
  }
  EXPECT_GE(seeds, 34);
  for (const auto& e : syscall_table())
    if (!e.avoid) EXPECT_TRUE(called.count(e.name)) << e.name << " is in no seed";
}

TEST(FuzzInput, ADeadlockInputDecodesToAProgramThatReplaysIt) {
  // 1 child, no netns; rename with two literal paths; no schedule bytes needed.
  std::string in = std::string("\x00\x00", 2) + "\x0c\"/proc/1/net/stat/a\"\"/proc/2/net/stat/b\"";
  in += std::string(in.size() - 2, '\0');
  auto fr = run_fuzz_input(reinterpret_cast<const uint8_t*>(in.data()), in.size(), "3.8", true);
  ASSERT_TRUE(fr.primary());
  EXPECT_EQ(fr.primary()->id.title, "possible deadlock in lock_rename");
  RunOutcome again = execute(*fr.recording);
  ASSERT_TRUE(again.primary());
  EXPECT_EQ(again.primary()->report.text, fr.primary()->report.text);
  // Through the CLI: repro on the raw file, on 3.9, and decode.
  fs::create_directories(kScratch);
  std::ofstream(kScratch / "crash-deadlock", std::ios::binary) << in;
  EXPECT_EQ(cli("repro -q " + (kScratch / "crash-deadlock").string()).status, 1);
  EXPECT_EQ(cli("repro -q --kernel 3.9 " + (kScratch / "crash-deadlock").string()).status, 0);
  // An input that deadlocks nothing is clean on 3.8 too, although trinity-main's
  // tree walk raises the VFS-invariant warning there: warnings do not count.
  std::ofstream(kScratch / "empty-input", std::ios::binary) << "";
  Cli empty = cli("repro -q " + (kScratch / "empty-input").string());
  EXPECT_EQ(empty.status, 0) << empty.out;
  Cli d = cli("decode " + (kScratch / "crash-deadlock").string());
  EXPECT_EQ(d.status, 0);
  EXPECT_NE(d.out.find("rename(\"/proc/1/net/stat/a\", \"/proc/2/net/stat/b\")"), std::string::npos) << d.out;
}

TEST(ReproCli, MalformedInputsGiveOneLocatedErrorAndExit2) {
  fs::create_directories(kScratch / "bad");
  struct Bad {
    const char* name;
    std::string text;
    const char* where;
  } bad[] = {
      {"truncated.prog", "kernel 3.8\nchild 0\n  rename(\"/proc/1/net/st", ":3:10: unterminated string"},
      {"garbage.prog", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10), ":1:1: invalid byte 0x7f"},
      {"long.prog", "kernel 3.8\nchild 0\n  " + std::string(10 << 20, 'x') + "(1)\n", ":3:3: unknown syscall 'xxxx"},
      {"unknown.prog", "kernel 3.8\nchild 0\n  frobnicate(\"/a\")\n", ":3:3: unknown syscall 'frobnicate'"},
      {"unbound.prog", "kernel 3.8\nchild 0\n  close(r7)\n", ":3:9: unbound result 'r7'"},
      {"empty.prog", "", ":1:1: missing 'kernel' line"},
  };
  for (const auto& b : bad) {
    fs::path p = kScratch / "bad" / b.name;
    std::ofstream(p, std::ios::binary) << b.text;
    Cli r = cli("repro " + p.string());
    EXPECT_EQ(r.status, 2) << b.name << "\n" << r.out.substr(0, 300);
    EXPECT_EQ(r.out.find(p.string() + b.where), 0u) << r.out.substr(0, 300);
    // One error line, then the summary line.
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out.substr(0, 300);
  }
  // A directory with bad files and a good one: the good one still replays.
  fs::copy_file(kSrc / "corpus/repros/proc_net_rename_deadlock.prog", kScratch / "bad" / "good.prog",
                fs::copy_options::overwrite_existing);
  Cli all = cli("repro -q " + (kScratch / "bad").string());
  EXPECT_EQ(all.status, 2);
  EXPECT_NE(all.out.find("good.prog: kernel 3.8: reproduced: possible deadlock in lock_rename"), std::string::npos);
  EXPECT_EQ(cli("repro -q " + (kSrc / "corpus/repros").string()).status, 1);
  EXPECT_EQ(cli("repro -q --kernel 3.9 " + (kSrc / "corpus/repros").string()).status, 0);
  EXPECT_EQ(cli("repro -q --kernel 9.9 " + (kSrc / "corpus/repros").string()).status, 2);
  EXPECT_EQ(cli("repro -q /nonexistent/x.prog").status, 2);
}

TEST(MinimizeCli, WritesTheResultAtomically) {
  fs::create_directories(kScratch);
  fs::path out = kScratch / "min.prog";
  fs::remove(out);
  Cli r = cli("minimize " + (kSrc / "corpus/repros/proc_net_renameat_deadlock.prog").string() + " -o " + out.string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("minimize: wrote "), std::string::npos) << r.out;
  std::string err;
  auto p = parse(slurp(out), out.string(), err);
  ASSERT_TRUE(p) << err;
  EXPECT_EQ(p->children.size(), 1u);
  EXPECT_LE(p->children[0].calls.size(), 2u);  // open + renameat: the relative path needs its dirfd
  Cli clean = cli("minimize -k 3.9 " + (kSrc / "corpus/repros/proc_net_renameat_deadlock.prog").string() + " -o " +
                  (kScratch / "none.prog").string());
  EXPECT_EQ(clean.status, 1);
  EXPECT_FALSE(fs::exists(kScratch / "none.prog"));
}
