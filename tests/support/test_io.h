// Helpers every test area needs: read a file whole, run the simtrinity
// binary and collect its output and exit status. Header-only: tests/support/
// has no .cpp, so it is no test binary of its own.
#pragma once
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "fuzzer/util/shell_word.h"

namespace simtest {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream is(p, std::ios::binary);
  std::ostringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

struct CliResult {
  int status = -1;  // the exit status, -1 when killed by a signal
  std::string out;
};

// Runs `cmd` through the shell as written, collecting its standard output.
inline CliResult run_command(const std::string& cmd) {
  CliResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// Runs `build/simtrinity ARGS`; `redirect` is appended to the shell command
// ("2>&1" merges standard error into `out`, "2>/dev/null" drops it).
inline CliResult simtrinity(const std::string& args, const std::string& redirect = "2>&1") {
  return run_command(simtrinity::util::shell_word(std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity") + " " + args + " " + redirect);
}

// A fresh directory of its own for one test (ctest runs tests side by side),
// removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "simtrinity-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs a shell command, returning its exit status and its output (standard
// error merged in).
// How many times `what` occurs in `s` (overlapping occurrences count).
inline size_t occurrences(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) n++;
  return n;
}

inline CliResult shell(const std::string& cmd) { return run_command(cmd + " 2>&1"); }

}  // namespace simtest
