#include "fuzzer/child/trinity_main.h"

#include <fmt/format.h>

#include "simkernel/kernel.h"

namespace simtrinity {

namespace {
constexpr uint64_t kNapNs = 1'000'000'000ULL;
constexpr uint64_t kStuckSecs = 30;     // virtual seconds without a new call
constexpr uint64_t kGiveUpSecs = 3600;  // virtual seconds before trinity-main stops the run
}  // namespace

std::vector<std::string> file_list_roots(const std::string& victim) { return {"/proc", "/dev", "/tmp", victim}; }

void trinity_main(RunShared& sh, const std::vector<std::unique_ptr<Child>>& children, const std::string& victim) {
  sk::Kernel& k = sh.k;
  WalkOptions wo;
  wo.roots = file_list_roots(victim);
  sh.files = walk_tree(k, wo);
  sk::task_struct* self = sk::current_task();
  for (const auto& c : children) {
    sh.live_children++;
    Child* cp = c.get();
    k.spawn(fmt::format("trinity-child{}", cp->index()), [cp, &sh] { cp->run(sh); }, self);
  }
  std::vector<uint64_t> last_seq(children.size(), 0), still(children.size(), 0);
  for (uint64_t naps = 0; sh.live_children > 0 && !k.stop_requested(); naps++) {
    if (naps == kGiveUpSecs) {
      k.request_stop();
      break;
    }
    k.schedule_timeout(kNapNs);
    for (size_t i = 0; i < children.size(); i++) {
      const Child& c = *children[i];
      if (c.seq() != last_seq[i] || c.finished()) {
        last_seq[i] = c.seq();
        still[i] = 0;
      } else if (++still[i] == kStuckSecs) {
        sh.watchdog_notes += fmt::format("trinity-main: child{} (pid {}) made no progress for {} s at op {}\n",
                                         c.index(), c.pid(), kStuckSecs, c.seq());
      }
    }
  }
}

}  // namespace simtrinity
