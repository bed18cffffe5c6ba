// A campaign SIGKILLed at any moment, saves included, loses no finding it
// had saved: every finding folder left is whole (meta.json parses,
// report.txt and repro.prog are there) and replays, and the folders left
// are the first findings of the campaign, in order (an earlier finding is
// never removed while a later one, or its own rewrite, is being saved).
// The moments: the k-th change the campaign makes to its output folder
// (inotify, so kills land inside saves: after the temporary folder is made,
// after it is swapped in, ...) and fractions of the campaign's wall time.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/inotify.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;

namespace {

// A short 3.8 campaign that saves several findings and rewrites the folders
// of those met again (their final counts) at the end.
std::vector<std::string> campaign_args(const std::string& out, const std::string& json = "") {
  std::vector<std::string> a = {"run", "-k", "3.8", "-N", "20000", "--run-length", "5000", "--no-stop-on-first", "-q",
                                "-o", out};
  if (!json.empty()) a.insert(a.end(), {"--json", json});
  return a;
}

// Kills the campaign at once; true when it was still running (so it died of the kill).
bool kill_now(simtest::Process& p) {
  p.signal(SIGKILL);
  return p.wait(30) == 128 + SIGKILL;
}

// Waits for the n-th change (create, rename, delete) in `dir` made by `pid`;
// false if the campaign ended first.
bool wait_for_changes(int inotify_fd, simtest::Process& p, int n) {
  alignas(inotify_event) char buf[4096];
  int seen = 0;
  for (;;) {
    pollfd pf{inotify_fd, POLLIN, 0};
    if (poll(&pf, 1, 5) > 0) {
      ssize_t len = read(inotify_fd, buf, sizeof buf);
      for (ssize_t at = 0; at < len;) {
        auto* e = reinterpret_cast<inotify_event*>(buf + at);
        if (++seen >= n) return true;
        at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      }
    }
    if (p.ended()) return false;
  }
}

constexpr uint32_t kChanges = IN_CREATE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE;

int count_changes(const std::string& dir, simtest::Process& proc) {
  int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  inotify_add_watch(fd, dir.c_str(), kChanges);
  int n = 0;
  alignas(inotify_event) char buf[4096];
  for (bool done = false; !done;) {
    done = proc.ended();
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, done ? 0 : 5) > 0) {
      ssize_t len = read(fd, buf, sizeof buf);
      if (len <= 0) break;
      for (ssize_t at = 0; at < len; n++)
        at += static_cast<ssize_t>(sizeof(inotify_event) + reinterpret_cast<inotify_event*>(buf + at)->len);
    }
  }
  close(fd);
  return n;
}

bool is_temporary(const std::string& name) {
  return name[0] == '.' && (name.find(".tmp.") != std::string::npos || name.find(".old.") != std::string::npos);
}

}  // namespace

TEST(KillTest, SigkillAtAnyMomentLeavesEveryEarlierFindingWhole) {
  simtest::TempDir t;
  // The campaign run to its end: its findings in first-seen order, how many
  // changes it makes to its folder and how long it takes.
  const std::string ref = t / "ref";
  fs::create_directories(ref);
  const auto t0 = std::chrono::steady_clock::now();
  simtest::Process campaign(campaign_args(ref, t / "ref.json"));
  const int changes = count_changes(ref, campaign);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto summary = nlohmann::json::parse(simtest::slurp(t / "ref.json"));
  std::vector<std::string> order;
  for (const auto& f : summary["findings"]) order.push_back(fs::path(f["dir"].get<std::string>()).filename());
  ASSERT_GE(order.size(), 3u) << "the campaign must save several findings";
  ASSERT_GE(changes, 6);

  int kills = 0;
  std::map<std::string, std::string> repros;  // repro.prog text -> one file with it
  auto check = [&](const std::string& out, const std::string& moment) {
    std::set<std::string> present;
    for (const auto& e : fs::directory_iterator(out)) {
      const std::string name = e.path().filename();
      if (is_temporary(name)) continue;  // a SIGKILL's leftovers, never a destination
      present.insert(name);
      const std::string meta = simtest::slurp(e.path() / "meta.json");
      EXPECT_NO_THROW((void)nlohmann::json::parse(meta)) << moment << ": " << name << "/meta.json: " << meta;
      EXPECT_FALSE(simtest::slurp(e.path() / "report.txt").empty()) << moment << ": " << name;
      const std::string repro = simtest::slurp(e.path() / "repro.prog");
      EXPECT_FALSE(repro.empty()) << moment << ": " << name;
      repros.emplace(repro, (e.path() / "repro.prog").string());
    }
    // The folders left are the campaign's first findings.
    std::set<std::string> first(order.begin(), order.begin() + static_cast<long>(present.size()));
    EXPECT_EQ(present, first) << moment;
  };

  // At the k-th change to the folder, for k spread over all of them.
  // 20 moments each way, so that at least 30 land while the campaign runs
  // on a loaded machine (a kill at the last change, or late in a campaign
  // that ran faster than the first, can come after its end).
  constexpr int kMoments = 20;
  for (int i = 0; i < kMoments; i++) {
    const int k = 1 + i * (changes - 1) / (kMoments - 1);
    const std::string out = t / ("c" + std::to_string(i));
    fs::create_directories(out);
    int fd = inotify_init1(IN_CLOEXEC);
    inotify_add_watch(fd, out.c_str(), kChanges);
    simtest::Process p(campaign_args(out));
    if (wait_for_changes(fd, p, k)) kills += kill_now(p);
    close(fd);
    check(out, "killed at change " + std::to_string(k) + " of " + std::to_string(changes));
  }
  // At fractions of the first 80% of the campaign's time, and on until 30
  // kills in all have landed in running campaigns (at most 3x the moments).
  // The reference campaign's time is only a guess on a machine whose load
  // changes: measured while the machine was busy, it can be several times
  // what the later campaigns take, and then most kills would come after
  // their end. A kill that finds its campaign ended makes the guess that
  // moment, so the moments after it come earlier.
  const int change_kills = kills;
  double guess = secs;
  int moments = 0;
  for (int i = 0; i < kMoments || (kills < 30 && i < 3 * kMoments); i++, moments++) {
    const std::string out = t / ("t" + std::to_string(i));
    fs::create_directories(out);
    simtest::Process p(campaign_args(out));
    const double at = 0.8 * guess * (i % kMoments + 0.5) / kMoments;
    std::this_thread::sleep_for(std::chrono::duration<double>(at));
    const bool landed = kill_now(p);
    kills += landed;
    if (!landed) guess = std::min(guess, at);
    check(out, "killed after " + std::to_string(at) + " s");
  }
  std::fprintf(stderr, "kills landed: %d of %d at changes, %d of %d in time (campaign %.3f s, last guess %.3f s)\n",
               change_kills, kMoments, kills - change_kills, moments, secs, guess);
  EXPECT_GE(kills, 30) << "campaigns killed while running";

  // Every distinct reproducer left behind replays its finding.
  ASSERT_FALSE(repros.empty());
  std::string files;
  for (const auto& [text, file] : repros) files += " " + simtrinity::util::shell_word(file);
  auto r = simtest::simtrinity("repro -q" + files);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find(std::to_string(repros.size()) + " reproduced, 0 clean"), std::string::npos) << r.out;
}
