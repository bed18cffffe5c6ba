#include "fuzzer/util/diag.h"

namespace simtrinity::util {

Diag::Diag(std::string_view command, std::ostream& err)
    : prefix_(command.empty() ? std::string("simtrinity: ") : "simtrinity " + std::string(command) + ": "), err_(err) {}

void Diag::error(std::string_view what) const { err_ << prefix_ << what << '\n' << std::flush; }

int Diag::fail(std::string_view what, int status) const {
  error(what);
  return status;
}

void Diag::located(std::string_view line) const { err_ << line << '\n' << std::flush; }

void Diag::note(std::string_view line) const { err_ << line << '\n' << std::flush; }

}  // namespace simtrinity::util
