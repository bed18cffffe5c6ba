#include "fuzzer/harness/schedulers.h"

#include <fmt/format.h>

namespace simtrinity {

const std::vector<Scheduler>& schedulers() {
  static const std::vector<Scheduler> table = {
      {"random", "at each choice point, preempt with probability 1/4, then pick uniformly (seeded)",
       {{"seed", std::nullopt, 0, UINT64_MAX, true, ""}},
       [](const std::vector<uint64_t>& p) -> std::unique_ptr<sk::SchedPolicy> {
         return std::make_unique<sk::RandomPolicy>(p[0]);
       }},
      {"rr", "round-robin by pid, switching after QUANTUM scheduling points",
       {{"quantum", 8, 1, 1'000'000, false, ""}},
       [](const std::vector<uint64_t>& p) -> std::unique_ptr<sk::SchedPolicy> {
         return std::make_unique<sk::RoundRobinPolicy>(static_cast<unsigned>(p[0]));
       }},
      {"pct", "PCT (Burckhardt et al., ASPLOS 2010): distinct random task priorities, the highest runnable task "
              "runs, DEPTH-1 priority change points drawn over STEPS choice points",
       {{"seed", std::nullopt, 0, UINT64_MAX, true, ""},
        {"depth", sk::PctPolicy::kDefaultDepth, 1, 64, false, "--pct-depth"},
        {"steps", sk::PctPolicy::kDefaultSteps, 1, UINT64_MAX, false, "--pct-steps"}},
       [](const std::vector<uint64_t>& p) -> std::unique_ptr<sk::SchedPolicy> {
         return std::make_unique<sk::PctPolicy>(p[0], static_cast<unsigned>(p[1]), p[2]);
       }},
  };
  return table;
}

const Scheduler* find_scheduler(std::string_view name) {
  for (const auto& s : schedulers())
    if (s.name == name) return &s;
  return nullptr;
}

std::string scheduler_names() {
  std::string o;
  for (const auto& s : schedulers()) o += (o.empty() ? "" : ", ") + std::string(s.name);
  return o;
}

std::string scheduler_help() {
  std::string o;
  for (const auto& s : schedulers()) {
    std::string args;
    for (const auto& p : s.params) {
      std::string n(p.name);
      for (auto& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      args += p.def ? fmt::format(" [{}]", n) : " " + n;
    }
    o += fmt::format("  {:<18} {}\n", std::string(s.name) + args, s.help);
  }
  return o;
}

}  // namespace simtrinity
