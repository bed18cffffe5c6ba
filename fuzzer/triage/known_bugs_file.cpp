#include "fuzzer/triage/known_bugs_file.h"

#include <sstream>

#include "fuzzer/util/input_files.h"

namespace simtrinity::triage {

std::string load_known_bugs(const std::string& path, report::KnownBugs& into) {
  std::string text, error;
  if (!util::read_file(path, text, error)) return "known-bugs file: " + error;
  std::istringstream in(std::move(text));
  into.load(in);
  return {};
}

}  // namespace simtrinity::triage
