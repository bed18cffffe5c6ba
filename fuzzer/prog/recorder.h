// Turns the calls children really make into program children: arguments as
// made, an fd that an earlier call of the child returned as its result rN,
// the child's own bookkeeping marked (unlisted). A call observer, so it
// records campaign runs and libFuzzer inputs alike.
#pragma once
#include <map>
#include <vector>

#include "fuzzer/harness/call_observer.h"
#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

class ProgramRecorder final : public CallObserver {
 public:
  // The children, in the order the program lists them.
  void add_child(int index, bool new_netns);
  void before_call(const CallEvent& e) override;
  void after_call(const CallEvent& e) override;
  std::vector<ProgChild> children() const;

 private:
  struct Recording {
    ProgChild child;
    std::map<long, int> live;  // fd value -> rN
    int next = 0;
    long close_fd = -1;
  };
  Recording& of(int index);
  std::vector<Recording> rec_;
};

// Builds a program from recorded children and schedule choices.
Program make_program(const std::string& kernel, std::vector<ProgChild> children, std::vector<uint32_t> choices,
                     std::vector<std::string> header);

}  // namespace simtrinity::prog
