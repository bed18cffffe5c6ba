// libFuzzer target: arbitrary bytes through the whole triage pipeline (line
// cleaning, splitting, scanning, titles, signatures, graphs). It must never
// crash, leak or hang, whatever a console or a mailer did to a log.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "report/lock_graph.h"
#include "report/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  using namespace simtrinity::report;
  parse_stream(in, [](const RawReport&, const ScannedReport& s, ParsedReport&& p) {
    const auto g = build_lock_graph(s);
    (void)g.has_cycle();
    (void)p.signature.size();
  });
  return 0;
}
