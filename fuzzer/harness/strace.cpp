#include "fuzzer/harness/strace.h"

#include <cstring>

#include <fmt/format.h>

namespace simtrinity {

namespace {

std::string who(const CallEvent& e) { return fmt::format("[child{}:{}] ", e.child, e.pid); }

// strace's " = -1 ENOENT (No such file or directory)".
std::string result(long ret) {
  if (ret < 0) {
    int err = static_cast<int>(-ret);
    return fmt::format(" = -1 {} ({})", errno_name(err), std::strerror(err));
  }
  return fmt::format(" = {}", ret);
}

}  // namespace

void StraceWriter::split_others() {
  for (auto& f : in_flight_)
    if (!f.split) {
      out_ += f.who + f.call + " <unfinished ...>\n";
      f.split = true;
    }
}

void StraceWriter::before_call(const CallEvent& e) {
  split_others();
  std::string c = format_call(e.call);
  c.pop_back();  // ")"
  in_flight_.push_back({who(e), std::move(c), e.call.e->name});
}

void StraceWriter::after_call(const CallEvent& e) {
  const std::string w = who(e);
  for (size_t i = 0; i < in_flight_.size(); i++) {
    if (in_flight_[i].who != w) continue;
    InFlight f = std::move(in_flight_[i]);
    in_flight_.erase(in_flight_.begin() + static_cast<long>(i));
    split_others();
    if (f.split)
      out_ += fmt::format("{}<... {} resumed>){}\n", f.who, f.name, result(e.ret));
    else
      out_ += f.who + f.call + ")" + result(e.ret) + "\n";
    return;
  }
}

void StraceWriter::finish() {
  split_others();
  for (const auto& f : in_flight_) out_ += f.who + "+++ still in this call when the run ended +++\n";
  in_flight_.clear();
}

}  // namespace simtrinity
