// --log DIR: one log per child index (trinity-child<N>.log), a line per
// listed call of every run, in the ring's format with the run in front:
//   [run 3] [child1:4] [17] mkdir("/tmp/a", 0755) = 0
// A call observer; thread-safe, as campaign jobs run side by side.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "fuzzer/harness/call_observer.h"

namespace spdlog {
class logger;
}

namespace simtrinity {

class ChildLogs final : public CallObserver {
 public:
  // False with `error` when a log cannot be created.
  bool open(const std::string& dir, int children, std::string& error);
  void after_call(const CallEvent& e) override;
  void flush();

 private:
  std::vector<std::shared_ptr<spdlog::logger>> logs_;
};

}  // namespace simtrinity
