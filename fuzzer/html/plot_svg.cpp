#include "fuzzer/html/plot_svg.h"

#include <algorithm>

#include <fmt/format.h>

#include "fuzzer/html/escape.h"

namespace simtrinity::html {
namespace {

constexpr double kWidth = 760, kPanel = 150, kLeft = 60, kRight = 20, kTop = 26, kGap = 34, kBottom = 40;
constexpr std::size_t kMaxMarkers = 60;  // beyond this a series is a line only
constexpr const char* kColors[] = {"#b3261e", "#0b57d0", "#137333", "#8a5300"};

// A round step (1, 2 or 5 times a power of ten) giving at most `n` intervals up to `max`.
std::uint64_t tick_step(std::uint64_t max, std::uint64_t n) {
  std::uint64_t p = 1;
  for (;;) {
    for (std::uint64_t m : {1, 2, 5})
      if (p * m * n >= max) return p * m;
    p *= 10;
  }
}

std::string short_number(std::uint64_t v) {
  auto cut = [](std::uint64_t v, std::uint64_t unit, const char* suffix) {
    std::string s = v % unit == 0 ? fmt::format("{}", v / unit)
                                  : fmt::format("{:.1f}", static_cast<double>(v) / static_cast<double>(unit));
    return s + suffix;
  };
  if (v >= 1'000'000'000) return cut(v, 1'000'000'000, "G");
  if (v >= 1'000'000) return cut(v, 1'000'000, "M");
  if (v >= 10'000) return cut(v, 1'000, "k");
  return fmt::format("{}", v);
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

}  // namespace

std::string plot_svg(const Plot& p) {
  const std::size_t panels = p.series.size();
  const double height = kTop + static_cast<double>(panels) * (kPanel + kGap) - kGap + kBottom;
  const double plot_w = kWidth - kLeft - kRight;
  const std::uint64_t x_end = std::max<std::uint64_t>(1, p.x_end);
  const std::uint64_t x_step = tick_step(x_end, 6);
  auto sx = [&](std::uint64_t x) { return kLeft + plot_w * static_cast<double>(x) / static_cast<double>(x_end); };

  std::string o = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<title>{}</title>\n",
      kWidth, height, kWidth, height, escape(p.title));
  for (std::size_t k = 0; k < panels; ++k) {
    const Series& s = p.series[k];
    const char* color = kColors[k % std::size(kColors)];
    const double top = kTop + static_cast<double>(k) * (kPanel + kGap), bottom = top + kPanel;
    const std::uint64_t total = s.events.size();
    const std::uint64_t y_max = std::max<std::uint64_t>(1, total);
    const std::uint64_t y_step = tick_step(y_max, 4);
    const std::uint64_t y_top = (y_max + y_step - 1) / y_step * y_step;
    auto sy = [&](std::uint64_t y) { return bottom - kPanel * static_cast<double>(y) / static_cast<double>(y_top); };

    o += fmt::format("<g class=\"panel\" data-series=\"{}\" data-total=\"{}\">\n", escape(s.name), total);
    o += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"600\">{} ({} in all)</text>\n", kLeft, num(top - 8),
                     escape(s.name), total);
    for (std::uint64_t y = 0; y <= y_top; y += y_step) {
      o += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/>", kLeft, kLeft + plot_w,
                       num(sy(y)), num(sy(y)));
      o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", kLeft - 6, num(sy(y) + 4),
                       short_number(y));
    }
    for (std::uint64_t x = 0; x <= x_end; x += x_step)
      o += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#eeeeee\"/>\n", num(sx(x)), num(sx(x)),
                       top, bottom);
    o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n", kLeft, top,
                     plot_w, kPanel);

    // The step line; events landing in one pixel column are drawn as one step.
    std::string pts = fmt::format("{},{}", num(sx(0)), num(sy(0)));
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < s.events.size();) {
      const auto col = static_cast<long long>(sx(s.events[i].first));
      const std::uint64_t x = s.events[i].first;
      std::size_t j = i;
      while (j < s.events.size() && static_cast<long long>(sx(s.events[j].first)) == col) ++j;
      pts += fmt::format(" {},{} {},{}", num(sx(x)), num(sy(count)), num(sx(x)), num(sy(count + (j - i))));
      count += j - i;
      i = j;
    }
    pts += fmt::format(" {},{}", num(sx(x_end)), num(sy(count)));
    o += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>\n", color, pts);
    if (s.events.size() <= kMaxMarkers) {
      std::uint64_t c = 0;
      for (const auto& [x, tip] : s.events) {
        ++c;
        o += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"><title>{}</title></circle>\n", num(sx(x)),
                         num(sy(c)), color, escape(tip));
      }
    }
    o += "</g>\n";
  }
  const double axis_y = kTop + static_cast<double>(panels) * (kPanel + kGap) - kGap;
  for (std::uint64_t x = 0; x <= x_end; x += x_step)
    o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(sx(x)), num(axis_y + 16),
                     short_number(x));
  o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n</svg>\n", num(kLeft + plot_w / 2),
                   num(axis_y + 34), escape(p.x_label));
  return o;
}

}  // namespace simtrinity::html
