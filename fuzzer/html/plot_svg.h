// A Plot as inline SVG, written by hand (a few polylines): one panel per
// series, stacked over one x axis, each a step line of its cumulative count.
// Coordinates are printed with one decimal, so the same plot is the same bytes.
#pragma once
#include <string>

#include "fuzzer/html/site.h"

namespace simtrinity::html {

std::string plot_svg(const Plot& p);

}  // namespace simtrinity::html
