// A task as reports name it: "trinity-child2/7669" in lockdep, "trinity-child2:7669"
// in the hung-task header. comm may itself contain '/' or ':', so split at the last one.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace simtrinity::report {

struct TaskRef {
  std::string comm;
  std::string pid;
  bool empty() const { return comm.empty() && pid.empty(); }
  std::string str() const { return comm + "/" + pid; }
  bool operator==(const TaskRef&) const = default;
};

// "<comm><sep><pid>" with a decimal pid; nullopt otherwise.
std::optional<TaskRef> parse_task(std::string_view s, char sep);

}  // namespace simtrinity::report
