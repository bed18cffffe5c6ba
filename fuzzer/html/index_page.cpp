#include "fuzzer/html/index_page.h"

#include <fmt/format.h>

#include "fuzzer/html/escape.h"
#include "fuzzer/html/page.h"
#include "fuzzer/html/plot_svg.h"

namespace simtrinity::html {
namespace {
constexpr std::size_t kMaxKernels = 3;
}  // namespace

std::string index_page(const Site& site) {
  std::string b = fmt::format("<h1>{}</h1>\n<dl id=\"summary\">\n", escape(site.heading));
  for (const auto& [k, v] : site.summary) b += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(k), escape(v));
  b += "</dl>\n";
  if (!site.plot.series.empty()) {
    b += fmt::format("<h2>{}</h2>\n<div class=\"plot\" id=\"plot\">\n", escape(site.plot.title));
    b += plot_svg(site.plot);
    b += "</div>\n";
  }
  b += fmt::format("<h2>Bugs ({})</h2>\n", site.bugs.size());
  if (site.bugs.empty()) {
    b += "<p id=\"no-bugs\">No bugs found.</p>\n";
    return page(site.heading, b);
  }
  if (!site.first_seen_help.empty()) b += fmt::format("<p class=\"help\">{}</p>\n", escape(site.first_seen_help));
  b += "<table id=\"bugs\">\n<thead><tr><th>Title</th><th>Kind</th><th>Count</th><th>First seen</th>"
       "<th>Last seen</th><th>Kernels</th><th>Status</th><th>Files</th></tr></thead>\n<tbody>\n";
  for (const Bug& bug : site.bugs) {
    // A few kernels in the row; the bug's page lists them all.
    std::string kernels;
    for (std::size_t i = 0; i < bug.kernels.size() && i < kMaxKernels; ++i)
      kernels += (kernels.empty() ? "" : "<br>") + escape(bug.kernels[i]);
    if (bug.kernels.size() > kMaxKernels) kernels += fmt::format("<br>+{} more", bug.kernels.size() - kMaxKernels);
    std::string files;
    for (const auto& l : bug.files)
      files += fmt::format("{}<a href=\"{}\">{}</a>", files.empty() ? "" : " ", href(l.path), escape(l.text));
    b += fmt::format(
        "<tr data-bug=\"{}\"><td><a class=\"bug\" href=\"{}\">{}</a></td><td><code>{}</code></td>"
        "<td class=\"n\">{}</td><td class=\"path\">{}</td><td class=\"path\">{}</td><td>{}</td><td>{}</td>"
        "<td class=\"path\">{}</td></tr>\n",
        escape(bug.id), href(bug_page_name(bug)), escape(bug.title), escape(bug.kind), bug.count,
        escape(bug.first_seen), escape(bug.last_seen), kernels, status_badges(bug), files);
  }
  b += "</tbody>\n</table>\n";
  return page(site.heading, b);
}

}  // namespace simtrinity::html
