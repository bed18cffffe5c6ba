#include "fuzzer/prog/recorder.h"

namespace simtrinity::prog {

void ProgramRecorder::add_child(int index, bool new_netns) {
  Recording r;
  r.child.index = index;
  r.child.new_netns = new_netns;
  rec_.push_back(std::move(r));
}

ProgramRecorder::Recording& ProgramRecorder::of(int index) {
  for (auto& r : rec_)
    if (r.child.index == index) return r;
  add_child(index, false);
  return rec_.back();
}

void ProgramRecorder::before_call(const CallEvent& e) {
  Recording& r = of(e.child);
  const Call& c = e.call;
  ProgCall pc;
  pc.e = c.e;
  pc.unlisted = !e.listed;
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
        auto it = r.live.find(c.v[i]);
        if (it != r.live.end()) {
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
  r.close_fd = c.e->nr == Sys::close ? c.v[0] : -1;
  r.child.calls.push_back(std::move(pc));
}

void ProgramRecorder::after_call(const CallEvent& e) {
  Recording& r = of(e.child);
  ProgCall& pc = r.child.calls.back();
  if (pc.e->ret == RetKind::fd && e.ret >= 0) {
    pc.result = r.next++;
    r.live[e.ret] = pc.result;
  } else if (pc.e->nr == Sys::close && e.ret == 0) {
    r.live.erase(r.close_fd);
  }
}

std::vector<ProgChild> ProgramRecorder::children() const {
  std::vector<ProgChild> out;
  for (const auto& r : rec_) out.push_back(r.child);
  return out;
}

Program make_program(const std::string& kernel, std::vector<ProgChild> children, std::vector<uint32_t> choices,
                     std::vector<std::string> header) {
  Program p;
  p.header = std::move(header);
  p.kernel = kernel;
  p.schedule.policy = std::string(Schedule::kReplay);
  p.schedule.params.clear();
  p.schedule.choices = std::move(choices);
  p.children = std::move(children);
  return p;
}

}  // namespace simtrinity::prog
