#include "fuzzer/util/version.h"

namespace simtrinity::util {

const std::string_view kVersion = SIMTRINITY_VERSION;

}  // namespace simtrinity::util
