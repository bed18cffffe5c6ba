// What the tests of the HTML site share: a fresh folder per test (ctest runs
// tests side by side), shell commands in it, and the site's files.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/test_io.h"

namespace htmltest {

namespace fs = std::filesystem;

// build/test-html/<Suite.Name>, empty.
inline fs::path test_dir() {
  const auto* t = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path d = fs::path(SIMTRINITY_BINARY_DIR) / "test-html" / (std::string(t->test_suite_name()) + "." + t->name());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

inline std::string bin() { return std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity"; }

// `cmd` run by the shell in `dir`, standard error merged into `out`.
inline simtest::CliResult sh_in(const fs::path& dir, const std::string& cmd) {
  const std::string full = "cd '" + dir.string() + "' && " + cmd + " 2>&1";
  simtest::CliResult r;
  FILE* p = popen(full.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// Every file of a folder by its relative path, with its bytes.
inline std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) m[fs::relative(e.path(), dir).string()] = simtest::slurp(e.path());
  return m;
}

inline size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace htmltest
