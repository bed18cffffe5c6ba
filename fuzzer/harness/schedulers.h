// The scheduling policies a run can be given, declared once: `run
// --scheduler NAME` and a .prog's "schedule NAME ARGS" both come from this
// table, and so do their help, checks and defaults. Adding a scheduler is a
// row here plus its policy (simkernel/sched/sched_policy.h). "replay" (a
// recorded list of choices) is not a row: it is what reproducers use.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simkernel/sched/sched_policy.h"

namespace simtrinity {

struct SchedulerParam {
  std::string_view name;          // as error messages and help say it
  std::optional<uint64_t> def;    // when a .prog leaves it out (none: required)
  uint64_t min = 0, max = UINT64_MAX;
  bool seeded = false;            // campaigns draw it from the run's PRNG
  std::string_view run_flag;      // else campaigns take it from this `run` flag (long name), else def
};

struct Scheduler {
  std::string_view name;
  std::string_view help;
  std::vector<SchedulerParam> params;  // in the order a .prog writes them
  std::unique_ptr<sk::SchedPolicy> (*make)(const std::vector<uint64_t>& params);
};

const std::vector<Scheduler>& schedulers();
// nullptr when there is none by that name.
const Scheduler* find_scheduler(std::string_view name);
// "random, rr"
std::string scheduler_names();
// One line per scheduler: "  random SEED   seeded random ..." for --help.
std::string scheduler_help();

}  // namespace simtrinity
