#include "report/describe.h"

#include <sstream>

namespace simtrinity::report {

ParsedReport describe(std::string_view text) {
  std::istringstream in{std::string(text)};
  ParsedReport first;
  bool found = false;
  parse_stream(in, [&](const RawReport&, const ScannedReport&, ParsedReport&& p) {
    if (!found) first = std::move(p);
    found = true;
  });
  return first;
}

}  // namespace simtrinity::report
