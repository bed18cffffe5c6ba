#include "fuzzer/child/trinity_main.h"

#include <fmt/format.h>

#include "simkernel/kernel.h"

namespace simtrinity {

std::vector<ChildBody> child_loops(std::vector<std::unique_ptr<Child>>& children, RunShared& sh) {
  std::vector<ChildBody> bodies;
  for (auto& c : children) {
    sh.live_children++;
    Child* cp = c.get();
    bodies.push_back({cp->index(), [cp, &sh] { cp->loop(sh); }});
  }
  return bodies;
}

std::vector<std::string> file_list_roots(const std::string& victim) { return {"/proc", "/dev", "/tmp", victim}; }

void trinity_main(sk::Kernel& k, const std::vector<std::string>& roots, FileList* files,
                  std::vector<ChildBody> children, const std::function<bool()>& all_done,
                  const std::function<bool()>& after_nap) {
  WalkOptions wo;
  wo.roots = roots;
  FileList walked = walk_tree(k, wo);
  if (files) *files = std::move(walked);
  sk::task_struct* self = sk::current_task();
  for (auto& c : children) k.spawn(fmt::format("trinity-child{}", c.index), std::move(c.run), self);
  while (!all_done() && !k.stop_requested()) {
    k.schedule_timeout(1'000'000'000ULL);
    if (after_nap && !after_nap()) {
      k.request_stop();
      break;
    }
  }
}

}  // namespace simtrinity
