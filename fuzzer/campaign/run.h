// One run: boot a fresh kernel, `trinity-main` walks the tree and forks the
// children, they fuzz until the run's syscall budget or a fatal report.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzzer/child/child.h"
#include "fuzzer/prog/program.h"
#include "simkernel/debug/report.h"

namespace spdlog {
class logger;
}

namespace simtrinity {

struct RunOptions {
  std::string kernel = "3.8";
  int children = 4;
  std::string scheduler = "random";  // random | rr
  std::string victim = "/victim";
  std::vector<const SyscallEntry*> pool;
  unsigned netns_child_pct = 25;     // children that unshare CLONE_NEWNET at start
  std::vector<std::shared_ptr<spdlog::logger>> child_logs;  // --log: one per child index
};

struct RunFinding {
  sk::Report report;
  std::string rings;       // every child's last calls, at the time of the report
  uint64_t at_syscall = 0; // syscalls made in the run when it was reported
};

struct RunResult {
  uint64_t index = 0;
  uint64_t seed = 0;
  uint64_t budget = 0;
  uint64_t syscalls = 0;
  uint64_t virt_ns = 0;
  SysStats stats{};
  std::vector<RunFinding> findings;
};

// What a recording run (the same run again, recorded) gives: every call of
// every child and every scheduling choice, for a reproducer.
struct RunRecording {
  std::vector<prog::ProgChild> children;
  std::vector<uint32_t> choices;
};

// The seed of run `index` of a campaign.
uint64_t run_seed(uint64_t campaign_seed, uint64_t index);

RunResult run_one(const RunOptions& o, uint64_t index, uint64_t seed, uint64_t budget, RunRecording* rec = nullptr);

}  // namespace simtrinity
