#include "fuzzer/html/bug_page.h"

#include <cctype>

#include <fmt/format.h>

#include "fuzzer/html/escape.h"
#include "fuzzer/html/page.h"
#include "fuzzer/util/shell_word.h"

namespace simtrinity::html {
namespace {

std::string copyable(const std::string& id, const std::string& text) {
  return fmt::format("<button type=\"button\" data-copy=\"{}\" hidden>Copy</button>\n<pre id=\"{}\">{}</pre>\n", id, id,
                     escape(text));
}

}  // namespace

std::string bug_page(const Site& site, const Bug& b, const std::string& svg, const std::string& graph_note) {
  std::string o = fmt::format("<p><a id=\"back\" href=\"index.html\">&larr; {}</a></p>\n<h1 id=\"title\">{}</h1>\n",
                              escape(site.heading), escape(b.title));
  std::string kernels;
  for (const auto& k : b.kernels) kernels += (kernels.empty() ? "" : ", ") + k;
  o += "<dl id=\"facts\">\n";
  auto fact = [&](std::string_view k, const std::string& v) {
    o += fmt::format("<dt>{}</dt><dd>{}</dd>\n", k, escape(v));
  };
  fact("Kind", b.kind);
  fact("Bucket", b.id);
  fact("Signature", b.signature);
  fact("Reports", std::to_string(b.count));
  fact("First seen", b.first_seen);
  fact("Last seen", b.last_seen);
  fact("Kernels", kernels);
  o += fmt::format("<dt>Status</dt><dd>{}</dd>\n</dl>\n", status_badges(b));
  if (!b.files.empty()) {
    o += "<p id=\"files\">Files:";
    for (const auto& l : b.files) o += fmt::format(" <a href=\"{}\">{}</a>", href(l.path), escape(l.text));
    o += "</p>\n";
  }

  o += "<h2>Lock graph</h2>\n";
  if (!b.dot.empty())
    o += fmt::format("<p class=\"help\">As Graphviz DOT: <a id=\"dot\" href=\"{}\">{}</a></p>\n", href(graph_file_name(b)),
                     escape(graph_file_name(b)));
  if (!svg.empty())
    o += "<p class=\"help\">Boxes are tasks, ellipses lock classes; solid: holds, dashed: waits for, dotted: "
         "lock order lockdep saw; the cycle in red.</p>\n<div class=\"graph\" id=\"graph\">\n" + svg + "</div>\n";
  else
    o += fmt::format("<p id=\"no-graph\">{}</p>\n", escape(graph_note));

  o += "<h2>Report</h2>\n";
  if (!b.report_note.empty()) o += fmt::format("<p class=\"help\">{}</p>\n", escape(b.report_note));
  o += fmt::format("<pre id=\"report\">{}</pre>\n", escape(b.report));
  if (!b.last_calls.empty())
    o += fmt::format("<h2>Children's last calls</h2>\n<pre id=\"last-calls\">{}</pre>\n", escape(b.last_calls));

  o += "<h2>Reproducer</h2>\n";
  if (!b.repro.empty()) {
    const std::string path = util::shell_word(b.repro_path.empty() ? std::string("repro.prog") : b.repro_path);
    o += copyable("commands", fmt::format("simtrinity repro {}\nsimtrinity minimize {} -o min.prog\n", path, path));
    o += copyable("repro", b.repro);
  } else {
    o += fmt::format("<p id=\"no-repro\">{}</p>\n", escape(b.no_repro));
  }

  if (!b.others.empty()) {
    o += fmt::format("<h2>Other reports in this bucket ({})</h2>\n", b.others.size() + b.more_others);
    o += "<table id=\"others\">\n<thead><tr><th>Where</th><th>Title</th><th>Kernel</th></tr></thead>\n<tbody>\n";
    for (const auto& r : b.others) {
      std::string where = r.path.empty() ? escape(r.where)
                                         : fmt::format("<a href=\"{}\">{}</a>", href(r.path), escape(r.where));
      o += fmt::format("<tr><td>{}</td><td>{}{}</td><td>{}</td></tr>\n", where, escape(r.title),
                       r.corrupted ? " <span class=\"corrupted\">corrupted</span>" : "", escape(r.kernel));
    }
    o += "</tbody>\n</table>\n";
    if (b.more_others) o += fmt::format("<p class=\"help\">and {} more, not listed.</p>\n", b.more_others);
  }
  return page(b.title + " - " + site.heading, o);
}

}  // namespace simtrinity::html
