#include "fuzzer/prog/recorder.h"

namespace simtrinity::prog {

void ChildRecorder::before(const Call& c) {
  ProgCall pc;
  pc.e = c.e;
  for (size_t i = 0; i < c.e->args.size(); i++) {
    Arg a;
    switch (c.e->args[i].type) {
      case ArgType::pathname:
      case ArgType::newpath:
      case ArgType::string:
        a.kind = Arg::Kind::str;
        a.s = c.s[i];
        break;
      case ArgType::fd:
      case ArgType::dirfd: {
        auto it = live_.find(c.v[i]);
        if (it != live_.end()) {
          a.kind = Arg::Kind::ref;
          a.ref = it->second;
        } else {
          a.v = c.v[i];
        }
        break;
      }
      case ArgType::buf:
      case ArgType::clone_fn: break;
      default: a.v = c.v[i];
    }
    pc.args.push_back(std::move(a));
  }
  close_fd_ = c.e->nr == Sys::close ? c.v[0] : -1;
  child_.calls.push_back(std::move(pc));
  pending_ = true;
}

void ChildRecorder::after(long ret) {
  if (!pending_) return;
  pending_ = false;
  ProgCall& pc = child_.calls.back();
  if (pc.e->ret == RetKind::fd && ret >= 0) {
    pc.result = next_++;
    live_[ret] = pc.result;
  } else if (pc.e->nr == Sys::close && ret == 0) {
    live_.erase(close_fd_);
  }
}

Program make_program(const std::string& kernel, std::vector<ProgChild> children, std::vector<uint32_t> choices,
                     std::vector<std::string> header) {
  Program p;
  p.header = std::move(header);
  p.kernel = kernel;
  p.schedule.kind = Schedule::Kind::replay;
  p.schedule.choices = std::move(choices);
  p.children = std::move(children);
  return p;
}

}  // namespace simtrinity::prog
