// Triage throughput: reports parsed, titled and signed per second on one core.
// Targets: 10,000 reports/s on the fixture mix (issue 6), 40,000 reports/s on
// the real-report corpus (issue 9).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <filesystem>
#include <vector>

#include "report/parser.h"
#include "report/score.h"

namespace {

// The bench target gets no source-dir macro. With ccache's CCACHE_BASEDIR the
// file is compiled by a path relative to the build directory ("../bench/..."):
// taken from the binary's directory (it lands at the top of the build), else
// from the working directory; without ccache it is absolute.
std::string source_dir() {
  const std::filesystem::path f = __FILE__;
  std::error_code ec;
  for (const auto& base : {std::filesystem::read_symlink("/proc/self/exe", ec).parent_path(),
                           std::filesystem::current_path(ec)}) {
    const auto s = (f.is_relative() ? base / f : f).lexically_normal().string();
    const auto dir = s.substr(0, s.rfind("/bench/"));
    if (std::filesystem::exists(dir + "/tests/report/fixtures", ec)) return dir;
  }
  return ".";
}

std::string read(const char* rel) {
  std::ifstream in(source_dir() + "/tests/report/fixtures/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A console log mixing our reports with real-kernel ones, timestamped and with noise between.
std::string corpus(int copies) {
  const std::string pieces[] = {read("sim/blocked_self_child2.txt"), read("real/hung_modern.txt"),
                                read("real/circular_3x_old_header.txt"), read("real/recursive_syzbot.txt"),
                                read("noise/hung_3x_syslog.txt")};
  std::string out;
  for (int i = 0; i < copies; ++i) {
    out += pieces[i % 5];
    out += "[  12.345678] e1000e: eth0 NIC Link is Up\n";
  }
  return out;
}

void BM_TriageReports(benchmark::State& state) {
  const auto text = corpus(static_cast<int>(state.range(0)));
  if (text.size() < 1000) state.SkipWithError("fixtures under tests/report/fixtures not found");
  std::size_t reports = 0;
  for (auto _ : state) {
    std::istringstream in(text);
    simtrinity::report::parse_stream(
        in, [&](const auto&, const auto&, simtrinity::report::ParsedReport&& p) { benchmark::DoNotOptimize(p.bucket); ++reports; });
  }
  state.counters["reports/s"] = benchmark::Counter(static_cast<double>(reports), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TriageReports)->Arg(1000)->Unit(benchmark::kMillisecond);

// Every log of tests/report/corpus (syzkaller's test data, syzbot's mails, the
// non-lock reports), header stripped, each parsed as a file of its own: split,
// scanned, titled, signed and bucketed, as `simtrinity triage` does.
std::vector<std::string> corpus_logs() {
  std::vector<std::string> logs;
  for (const char* d : {"syzkaller", "syzbot-mail", "negative"}) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/tests/report/corpus/" + d, ec))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string error;
      if (auto t = simtrinity::report::read_test_file(ss.str(), error)) logs.push_back(std::move(t->log));
    }
  }
  return logs;
}

void BM_TriageCorpus(benchmark::State& state) {
  const auto logs = corpus_logs();
  if (logs.size() < 400) state.SkipWithError("tests/report/corpus not found");
  std::size_t reports = 0, bytes = 0;
  for (const auto& l : logs) bytes += l.size();
  for (auto _ : state) {
    for (const auto& l : logs) {
      std::istringstream in(l);
      simtrinity::report::parse_stream(
          in, [&](const auto&, const auto&, simtrinity::report::ParsedReport&& p) { benchmark::DoNotOptimize(p.bucket); ++reports; });
    }
  }
  state.counters["reports/s"] = benchmark::Counter(static_cast<double>(reports), benchmark::Counter::kIsRate);
  state.counters["files/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * logs.size()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_TriageCorpus)->Unit(benchmark::kMillisecond);

}  // namespace
