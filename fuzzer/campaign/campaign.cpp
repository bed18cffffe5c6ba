#include "fuzzer/campaign/campaign.h"

#include "fuzzer/prog/recorder.h"
#include "fuzzer/util/atomic_write.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>


namespace fs = std::filesystem;

namespace simtrinity {

namespace {

std::string human(double v) {
  if (v >= 1e6) return fmt::format("{:.2f}M", v / 1e6);
  if (v >= 1e3) return fmt::format("{:.1f}k", v / 1e3);
  return fmt::format("{:.0f}", v);
}

std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      case '"': o += "&quot;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        o += c;
    }
  }
  return o;
}

// The finding as a text program: the run that found it, made again with
// every call of every child and every scheduling choice recorded.
std::string repro_text(const CampaignOptions& o, const Finding& f, const prog::Program& rec) {
  std::vector<std::string> h;
  h.push_back(fmt::format(" simtrinity finding: {}", f.title));
  h.push_back(fmt::format(" kind {}, kernel {}, campaign seed {}, run {} (run seed {:#018x}), after {} syscalls of that run",
                          f.kind, o.run.kernel, o.seed, f.first_run, f.first_run_seed, f.first_at_run_syscall));
  std::string args = fmt::format("--kernel {} --seed {} --only-run {} --run-length {} -C {} --scheduler {} -V {}",
                                 o.run.kernel, o.seed, f.first_run, o.run_length, o.run.children, o.run.scheduler,
                                 o.run.victim);
  for (const auto& a : o.replay_args) args += " " + a;
  h.push_back(fmt::format(" the run: simtrinity run {}", args));
  h.push_back(" replay: simtrinity repro repro.prog    shrink: simtrinity minimize repro.prog -o min.prog");
  prog::Program p = rec;
  p.header = std::move(h);
  return prog::print(p);
}

nlohmann::json finding_json(const CampaignOptions& o, const Finding& f) {
  return {{"title", f.title},
          {"id", f.id},
          {"kind", f.kind},
          {"kernel", o.run.kernel},
          {"seed", o.seed},
          {"signature", f.signature},
          {"first_seen", {{"run", f.first_run}, {"run_seed", f.first_run_seed},
                          {"run_syscall", f.first_at_run_syscall}, {"campaign_syscall", f.first_at_total_syscall}}},
          {"count", f.count},
          {"suppressed", f.suppressed},
          {"new", !f.suppressed}};
}

bool save_finding(const CampaignOptions& o, Finding& f, const std::string& repro) {
  if (o.out_dir.empty()) return true;
  util::AtomicDir d((fs::path(o.out_dir) / f.dir).string());
  return d.put("report.txt", f.text) && d.put("repro.prog", repro) &&
         d.put("meta.json", finding_json(o, f).dump(2) + "\n") && d.commit();
}

struct Shared {
  std::mutex mu;
  std::condition_variable cv;
  std::map<uint64_t, RunResult> done;
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> stop_before{UINT64_MAX};
  std::atomic<uint64_t> live_syscalls{0};
  int workers_left = 0;
};

}  // namespace

CampaignResult run_campaign(const CampaignOptions& o, FILE* out) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - t0).count(); };

  CampaignResult res;
  const uint64_t run_len = std::max<uint64_t>(1, o.run_length);
  uint64_t total_runs = UINT64_MAX;
  if (o.only_run) total_runs = 1;
  else if (o.budget) total_runs = (o.budget + run_len - 1) / run_len;
  auto budget_of = [&](uint64_t i) {
    if (o.only_run || !o.budget) return run_len;
    return std::min(run_len, o.budget - i * run_len);
  };
  auto index_of = [&](uint64_t i) { return o.only_run ? *o.only_run : i; };

  Shared sh;
  const int jobs = std::max(1, o.jobs);
  sh.workers_left = jobs;
  std::vector<std::thread> workers;
  for (int j = 0; j < jobs; j++) {
    workers.emplace_back([&] {
      for (;;) {
        uint64_t i = sh.next.fetch_add(1);
        if (i >= total_runs || i >= sh.stop_before.load()) break;
        // Wall time only decides how many runs start, never what a run does.
        if (o.time_limit > 0 && elapsed() >= o.time_limit) break;
        uint64_t idx = index_of(i);
        RunResult r = run_one(o.run, idx, run_seed(o.seed, idx), budget_of(i));
        sh.live_syscalls += r.outcome.syscalls;
        std::lock_guard lk(sh.mu);
        sh.done.emplace(i, std::move(r));
        sh.cv.notify_all();
      }
      std::lock_guard lk(sh.mu);
      sh.workers_left--;
      sh.cv.notify_all();
    });
  }

  std::map<std::string, size_t> by_key;
  prog::Program recording;
  uint64_t recorded_run = UINT64_MAX;
  const bool tty = isatty(STDERR_FILENO);
  double last_progress = 0;
  auto progress = [&](bool final) {
    if (o.quiet) return;
    double e = elapsed();
    uint64_t n = sh.live_syscalls.load();
    std::string line = fmt::format("runs {}, syscalls {}, {} syscalls/s, findings {}, unique {}, elapsed {:.1f}s",
                                   res.runs, n, human(e > 0 ? n / e : 0), [&] {
                                     uint64_t c = 0;
                                     for (auto& f : res.findings) c += f.count;
                                     return c;
                                   }(), res.findings.size(), e);
    if (tty)
      std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), final ? "\n" : "");
    else if (!final)
      std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  };

  uint64_t expected = 0;
  for (;;) {
    RunResult r;
    {
      std::unique_lock lk(sh.mu);
      bool got = sh.cv.wait_for(lk, std::chrono::milliseconds(200), [&] {
        return sh.done.count(expected) || sh.workers_left == 0;
      });
      if (got && sh.done.count(expected)) {
        r = std::move(sh.done[expected]);
        sh.done.erase(expected);
      } else if (got && sh.workers_left == 0) {
        break;
      } else {
        lk.unlock();
        double e = elapsed();
        if (e - last_progress >= (tty ? 0.25 : o.progress_secs)) {
          last_progress = e;
          progress(false);
        }
        continue;
      }
    }
    if (expected >= sh.stop_before.load()) break;
    // Merge, in run order.
    res.runs++;
    add_stats(res.stats, r.outcome.stats);
    bool stop = false;
    for (auto& rf : r.outcome.findings) {
      const sk::Report& rep = rf.report;
      auto it = by_key.find(rf.id.bucket);
      if (it != by_key.end()) {
        res.findings[it->second].count++;
        continue;
      }
      Finding f;
      f.title = rf.id.title;
      f.kind = rf.id.kind;
      f.signature = rf.id.signature;
      f.id = rf.id.bucket;
      f.dir = rf.id.dir;
      f.count = 1;
      f.suppressed = o.known.matches(f.title, f.id, f.signature);
      f.first_run = r.index;
      f.first_run_seed = r.seed;
      f.first_at_run_syscall = rf.at_syscall;
      f.first_at_total_syscall = res.syscalls + rf.at_syscall;
      f.text = rep.text;
      if (!f.text.empty() && f.text.back() != '\n') f.text += "\n";
      f.text += "\nTrinity children, last calls (oldest first):\n" + rf.rings;
      if (!f.suppressed) {
        res.new_findings++;
        stop = stop || o.stop_on_first;
      }
      if (tty && !o.quiet) std::fprintf(stderr, "\r\033[K");
      std::fprintf(out, "=== %s finding: %s (%s) -- run %llu, run seed %#018llx, after %llu syscalls ===\n",
                   f.suppressed ? "known" : "new", f.title.c_str(), f.kind.c_str(),
                   static_cast<unsigned long long>(r.index), static_cast<unsigned long long>(r.seed),
                   static_cast<unsigned long long>(f.first_at_total_syscall));
      std::fputs(f.text.c_str(), out);
      std::fputs("\n", out);
      std::fflush(out);
      by_key.emplace(f.id, res.findings.size());
      if (!o.out_dir.empty()) {
        if (recorded_run != r.index) {
          RunPlan plan = campaign_run_plan(o.run, r.index, r.seed, r.budget);
          plan.observers.clear();  // the run again, recorded: not logged twice
          plan.record = true;
          recording = *run_harness(std::move(plan)).recording;
          recorded_run = r.index;
        }
        f.repro = repro_text(o, f, recording);
      }
      if (!save_finding(o, f, f.repro)) std::fprintf(stderr, "simtrinity: cannot save finding under %s\n", o.out_dir.c_str());
      res.findings.push_back(std::move(f));
    }
    res.syscalls += r.outcome.syscalls;
    res.virt_ns += r.outcome.virt_ns;
    expected++;
    if (stop) {
      uint64_t sb = expected;
      uint64_t cur = sh.stop_before.load();
      while (sb < cur && !sh.stop_before.compare_exchange_weak(cur, sb)) {
      }
      break;
    }
    if (expected >= total_runs) break;
  }
  sh.stop_before = 0;
  for (auto& w : workers) w.join();
  res.wall_secs = elapsed();
  for (auto& f : res.findings)
    if (f.count > 1) save_finding(o, f, f.repro);  // final counts
  progress(true);
  res.exit_code = res.new_findings ? 1 : 0;
  return res;
}

void print_stats(const CampaignResult& r, FILE* out) {
  std::fprintf(out, "%-12s %10s %10s  %s\n", "syscall", "calls", "ok", "errno histogram");
  const auto& table = syscall_table();
  for (const auto& e : table) {
    const SysCounts& c = r.stats[static_cast<size_t>(e.nr)];
    if (!c.calls) continue;
    std::vector<std::pair<uint64_t, int>> h;
    for (int i = 0; i <= kErrnoMax; i++)
      if (c.errnos[i]) h.push_back({c.errnos[i], i});
    std::sort(h.begin(), h.end(), [](auto a, auto b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    std::string hs;
    for (auto [n, err] : h) hs += fmt::format("{}{}:{}", hs.empty() ? "" : " ", err == kErrnoMax ? "other" : errno_name(err), n);
    std::fprintf(out, "%-12s %10llu %10llu  %s\n", e.name, static_cast<unsigned long long>(c.calls),
                 static_cast<unsigned long long>(c.ok), hs.c_str());
  }
  std::fprintf(out, "runs %llu, syscalls %llu, virtual time %.3f s, findings %zu unique (%d new)\n",
               static_cast<unsigned long long>(r.runs), static_cast<unsigned long long>(r.syscalls),
               static_cast<double>(r.virt_ns) / 1e9, r.findings.size(), r.new_findings);
}

std::string summary_json(const CampaignOptions& o, const CampaignResult& r) {
  nlohmann::json j;
  j["kernel"] = o.run.kernel;
  j["seed"] = o.seed;
  j["children"] = o.run.children;
  j["jobs"] = o.jobs;
  j["runs"] = r.runs;
  j["syscalls"] = r.syscalls;
  j["elapsed_s"] = r.wall_secs;
  j["syscalls_per_s"] = r.wall_secs > 0 ? static_cast<double>(r.syscalls) / r.wall_secs : 0.0;
  j["exit_code"] = r.exit_code;
  j["findings"] = nlohmann::json::array();
  for (const auto& f : r.findings) {
    auto fj = finding_json(o, f);
    fj["dir"] = o.out_dir.empty() ? "" : (fs::path(o.out_dir) / f.dir).string();
    j["findings"].push_back(fj);
  }
  nlohmann::json st = nlohmann::json::object();
  for (const auto& e : syscall_table()) {
    const SysCounts& c = r.stats[static_cast<size_t>(e.nr)];
    if (!c.calls) continue;
    nlohmann::json h = nlohmann::json::object();
    for (int i = 0; i <= kErrnoMax; i++)
      if (c.errnos[i]) h[i == kErrnoMax ? "other" : errno_name(i)] = c.errnos[i];
    st[e.name] = {{"calls", c.calls}, {"ok", c.ok}, {"errnos", h}};
  }
  j["stats"] = st;
  return j.dump(2) + "\n";
}

std::string junit_xml(const CampaignOptions& o, const CampaignResult& r) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  size_t tests = std::max<size_t>(1, r.findings.size());
  x += fmt::format("<testsuites name=\"simtrinity\" tests=\"{}\" failures=\"{}\">\n", tests, r.new_findings);
  x += fmt::format("  <testsuite name=\"simtrinity run --kernel {}\" tests=\"{}\" failures=\"{}\" time=\"{:.3f}\">\n",
                   xml_escape(o.run.kernel), tests, r.new_findings, r.wall_secs);
  if (r.findings.empty())
    x += fmt::format("    <testcase classname=\"simtrinity.{}\" name=\"campaign: {} syscalls, no finding\"/>\n",
                     xml_escape(o.run.kernel), r.syscalls);
  for (const auto& f : r.findings) {
    x += fmt::format("    <testcase classname=\"simtrinity.{}\" name=\"{}\">\n", xml_escape(o.run.kernel), xml_escape(f.title));
    if (f.suppressed)
      x += "      <skipped message=\"known (suppressed)\"/>\n";
    else
      x += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_escape(f.title),
                       xml_escape(f.kind), xml_escape(f.text));
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace simtrinity
