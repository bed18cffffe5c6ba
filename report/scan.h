// One pass over a report's lines, collecting what every kind's title,
// signature and graph are made from. Lines it does not understand (interleaved
// messages, register dumps, scenario tables) are passed over.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "report/frame.h"
#include "report/lock_line.h"
#include "report/splitter.h"
#include "report/task_ref.h"

namespace simtrinity::report {

struct Trace {
  TaskRef task;  // the hung task it belongs to, when known
  std::vector<Frame> frames;
};

struct HeldList {
  TaskRef task;
  std::vector<LockLine> locks;
};

struct ChainEntry {
  std::string cls;
  std::vector<Frame> frames;
};

struct BlockedOn {  // simtrinity's "<task> is blocked on <lock>[, held by <task>]"
  TaskRef task;
  LockLine lock;
  TaskRef holder;
};

struct ScannedReport {
  Header header;
  std::string header_line;
  std::string kernel;  // release from the ident or dump_stack banner
  TaskRef subject;     // the task the report's first sentence names
  std::optional<LockLine> acquire, held, takes, changed, freed;
  std::string usage_transition;  // inconsistent: "SOFTIRQ-ON-W -> IN-SOFTIRQ-W"
  std::string release_map;       // bad unlock: "release lock (<map>)"
  std::optional<Frame> release_at;
  bool saw_chain_header = false;
  std::vector<ChainEntry> chain;
  std::vector<Frame> became_frames;  // safe -> unsafe: after "which became ... at:"
  std::vector<Trace> traces;
  std::vector<HeldList> held_lists;
  std::vector<BlockedOn> blocked;
  std::vector<TaskRef> hung_tasks;
  std::string fs_type;               // dentry alias: "proc"
  std::vector<std::string> dentries;
  bool should_fail = false;          // a fault-injection frame: syzkaller calls that corrupted
  bool capped = false;
};

ScannedReport scan_report(const RawReport& raw);

// The frames of a trace that may name a bug (reliable, with an offset).
std::vector<std::string> title_frames(const std::vector<Frame>& frames);

}  // namespace simtrinity::report
