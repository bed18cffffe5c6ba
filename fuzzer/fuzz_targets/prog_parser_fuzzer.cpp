// libFuzzer target: the .prog parser and printer. Any input either fails with
// one "NAME:LINE:COL: message" line or parses to a program whose printed form
// parses back to the same program (round trip).
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzzer/prog/program.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string err;
  auto p = simtrinity::prog::parse(text, "input.prog", err);
  if (!p) {
    if (err.rfind("input.prog:", 0) != 0 || err.find('\n') != std::string::npos) std::abort();
    return 0;
  }
  std::string printed = simtrinity::prog::print(*p);
  auto q = simtrinity::prog::parse(printed, "printed.prog", err);
  if (!q || !(*q == *p) || simtrinity::prog::print(*q) != printed) {
    std::fprintf(stderr, "round trip failed: %s\n%s", err.c_str(), printed.c_str());
    std::abort();
  }
  return 0;
}
