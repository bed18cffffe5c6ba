// libFuzzer target: the input bytes choose the children, their calls and
// arguments (through the generators `simtrinity run` uses) and the schedule
// (see fuzzer/prog/fuzz_input.h for the layout). The profile is the one
// SIMTRINITY_KERNEL names, else the build's SIMTRINITY_FUZZ_KERNEL, else the
// default one (3.8, where finding the deadlock is the point); engine builds
// (.clusterfuzzlite/build.sh) choose a fixed kernel, where any crash is news.
// On a fatal report (a
// deadlock, a hung task) it prints the report and the children's last calls
// and aborts, so libFuzzer saves the input; `simtrinity repro` / `decode` /
// `minimize` take it as is. Warnings (3.8's VFS-invariant splat fires in
// trinity-main's tree walk on every input) do not abort unless
// SIMTRINITY_FUZZ_WARNINGS=1.
// Every fiber has finished when run_fuzz_input returns (the kernel's teardown
// unwinds them), so the target is clean under -detect_leaks=1.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzzer/prog/fuzz_input.h"
#include "simkernel/profiles.h"

#ifndef SIMTRINITY_FUZZ_KERNEL
#define SIMTRINITY_FUZZ_KERNEL sk::kDefaultProfile
#endif

namespace {

struct Config {
  std::string kernel{SIMTRINITY_FUZZ_KERNEL};
  bool warnings = false;
  Config() {
    if (const char* k = std::getenv("SIMTRINITY_KERNEL")) kernel = k;
    if (!sk::find_profile(kernel)) {
      std::fprintf(stderr, "simkernel_fuzzer: unknown SIMTRINITY_KERNEL '%s'\n", kernel.c_str());
      std::exit(2);
    }
    const char* w = std::getenv("SIMTRINITY_FUZZ_WARNINGS");
    warnings = w && *w == '1';
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Config cfg;
  auto r = simtrinity::prog::run_fuzz_input(data, size, cfg.kernel, false);
  if (!(r.has_fatal() || (cfg.warnings && !r.findings.empty()))) return 0;
  for (const auto& f : r.findings) std::fprintf(stderr, "%s\n", f.report.text.c_str());
  std::fprintf(stderr, "Trinity children, last calls (oldest first):\n%s", r.rings.c_str());
  std::fprintf(stderr, "simkernel_fuzzer: %s on %s\n", r.primary()->id.title.c_str(), cfg.kernel.c_str());
  std::fflush(stderr);
  std::abort();
}
