// --log DIR: one log per child index (trinity-child<N>.log), written as
// Trinity writes its child logs (output_syscall_prefix/postfix): the call
// before it is made, its result on the same line after it returns, with the
// run in front:
//   [run 3] [child1:4] [17] mkdir("/tmp/a", 0755) = 0
// so the call a child never came back from (the one a deadlock blocked) is
// there, a line with no result. With --jobs > 1 runs share the files: a
// call that another run's call finds still open keeps its line without a
// result, and its result comes later on a line of its own, strace's way:
//   [run 3] [child1:4] [17] <... mkdir resumed> = 0
// Each file is capped at --log-size bytes by spdlog's rotating sink, with
// one older file beside it (trinity-child<N>.1.log): at most twice that per
// child, the latest calls always kept. A call observer; thread-safe, as
// campaign jobs run side by side.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fuzzer/harness/call_observer.h"

namespace spdlog {
class logger;
}

namespace simtrinity {

class ChildLogs final : public CallObserver {
 public:
  ChildLogs();
  ~ChildLogs() override;
  // Starts every log empty (an older campaign's logs are removed); false
  // with `error` when a log cannot be created.
  bool open(const std::string& dir, int children, uint64_t max_bytes, std::string& error);
  void before_call(const CallEvent& e) override;
  void after_call(const CallEvent& e) override;
  void flush();

 private:
  struct Log;
  Log* log_of(const CallEvent& e);
  std::vector<std::unique_ptr<Log>> logs_;
};

}  // namespace simtrinity
