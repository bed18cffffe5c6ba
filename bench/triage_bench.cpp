// Triage throughput: reports parsed, titled and signed per second on one core.
// Target (issue 6): at least 10,000 reports/s.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "report/parser.h"

namespace {

// The bench target gets no source-dir macro; CMake compiles this file by its absolute path.
std::string source_dir() {
  std::string f = __FILE__;
  return f.substr(0, f.rfind("/bench/"));
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

}  // namespace
