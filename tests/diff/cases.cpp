#include "tests/diff/cases.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace difftest {

namespace {
constexpr std::string_view kChanged = " changed: ";
constexpr std::string_view kWhy = " -- ";
}  // namespace

Case parse_case(const std::string& text, const std::string& name) {
  Case c;
  auto p = simtrinity::prog::parse(text, name, c.error);
  if (!p) return c;
  c.program = std::move(*p);
  for (const auto& h : c.program.header) {
    if (h.rfind(kChanged, 0) != 0) continue;
    std::string rest = h.substr(kChanged.size());
    size_t eq = rest.find(" = "), why = rest.find(kWhy);
    size_t n = 0;
    try {
      n = std::stoul(rest.substr(0, eq));
    } catch (...) {
      n = 0;
    }
    if (eq == std::string::npos || why == std::string::npos || why < eq || n == 0 ||
        why + kWhy.size() >= rest.size()) {
      c.error = name + ": bad annotation '#" + h + "' (want '# changed: N = OUTCOME -- COMMIT SUBJECT')";
      return c;
    }
    c.changed[n] = Changed{rest.substr(eq + 3, why - eq - 3), rest.substr(why + kWhy.size())};
  }
  return c;
}

Case load_case(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Case c;
    c.error = "cannot read " + path;
    return c;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_case(ss.str(), path);
}

std::string case_dir() { return std::string(SIMTRINITY_SOURCE_DIR) + "/tests/diff/cases"; }

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(case_dir(), ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".prog")
      out.push_back(std::filesystem::relative(it->path(), case_dir()).string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace difftest
