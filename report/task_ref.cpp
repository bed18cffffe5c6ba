#include "report/task_ref.h"

#include "report/text.h"

namespace simtrinity::report {

std::optional<TaskRef> parse_task(std::string_view s, char sep) {
  s = trim(s);
  const auto at = s.rfind(sep);
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return std::nullopt;
  const auto pid = s.substr(at + 1);
  if (span_of(pid, is_digit) != pid.size()) return std::nullopt;
  return TaskRef{std::string(s.substr(0, at)), std::string(pid)};
}

}  // namespace simtrinity::report
