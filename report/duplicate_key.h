// The same splat quoted in several mails, or a log concatenated twice, must
// count once. Its key is what the splat says (tasks, locks with instances,
// frames), not its surroundings: a quoted copy gains mail text around it and
// loses timestamps, while another run differs in pids or addresses.
#pragma once
#include <cstdint>

#include "report/scan.h"

namespace simtrinity::report {

std::uint64_t duplicate_key(const ScannedReport& r);

}  // namespace simtrinity::report
