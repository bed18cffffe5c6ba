// The site's index.html: the run's summary, the plot, one row per bug.
#pragma once
#include <string>

#include "fuzzer/html/site.h"

namespace simtrinity::html {

std::string index_page(const Site& site);

}  // namespace simtrinity::html
