// Turns the calls a child really makes into a program child: arguments as
// made, an fd that an earlier call of the child returned as its result rN.
#pragma once
#include <map>

#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

class ChildRecorder {
 public:
  ChildRecorder(int index, bool new_netns) {
    child_.index = index;
    child_.new_netns = new_netns;
  }
  void before(const Call& c);  // the call is about to be made
  void after(long ret);        // ... and returned `ret`
  const ProgChild& child() const { return child_; }

 private:
  ProgChild child_;
  std::map<long, int> live_;   // fd value -> rN
  int next_ = 0;
  long close_fd_ = 0;
  bool pending_ = false;
};

// Builds a program from recorded children and schedule choices.
Program make_program(const std::string& kernel, std::vector<ProgChild> children, std::vector<uint32_t> choices,
                     std::vector<std::string> header);

}  // namespace simtrinity::prog
