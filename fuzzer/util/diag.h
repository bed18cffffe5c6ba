// The one error channel of every subcommand: a problem is one line on
// standard error (or on the stream a test passes), "simtrinity CMD: WHAT",
// and an exit status. Parse errors keep their compiler-style location
// ("FILE:LINE:COL: message") as the whole line.
#pragma once
#include <iostream>
#include <string>
#include <string_view>

namespace simtrinity::util {

// Exit statuses shared by the subcommands.
inline constexpr int kExitClean = 0;  // nothing new found, or done
inline constexpr int kExitFound = 1;  // a new finding, a reproduced input
inline constexpr int kExitUsage = 2;  // bad usage, bad input, an output that cannot be written

class Diag {
 public:
  // An empty command gives the prefix "simtrinity: ".
  explicit Diag(std::string_view command, std::ostream& err = std::cerr);

  void error(std::string_view what) const;
  // error(what), then the status to exit with.
  int fail(std::string_view what, int status = kExitUsage) const;
  // A line that already says where (a parse error): written as it is.
  void located(std::string_view line) const;
  // Progress and summaries that are not errors: the same stream, as given.
  void note(std::string_view line) const;

 private:
  std::string prefix_;
  std::ostream& err_;
};

}  // namespace simtrinity::util
