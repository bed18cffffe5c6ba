// A static bug list, as syzbot's and ClusterFuzz's pages show bugs: an index
// with one row per bug and a page per bug. `run --html` and `triage --html`
// fill a Site from the data their other outputs are made from (a campaign's
// findings, triage's buckets) and write_site() renders it. The site is a
// function of the Site alone: no wall clock, no absolute paths, so the same
// campaign gives a byte-identical site; it needs no server, no network and no
// external file (CSS and the one small script are inline, graphs inline SVG),
// and links only relatively, so it opens from file:// as a CI artifact.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace simtrinity::html {

struct Link {
  std::string text;
  std::string path;  // relative to the site's folder
};

// One more report of a bug's bucket.
struct Occurrence {
  std::string where;  // "run 3, syscall 150461" or "logs/a.txt:120"
  std::string path;   // a link, relative to the site's folder ("" for none)
  std::string title, kernel;
  bool corrupted = false;
};

struct Bug {
  std::string id, title, kind, signature;
  std::uint64_t count = 0;
  std::string first_seen, last_seen;
  std::vector<std::string> kernels;
  bool known = false, corrupted = false;
  std::string report;      // as the kernel printed it
  std::string report_note; // e.g. that it was cut
  std::string last_calls;  // the Trinity children's last calls ("" when not known)
  std::string repro;       // repro.prog ("" when there is none)
  std::string repro_path;  // repro.prog as the user would type it, for the commands
  std::string no_repro;    // why there is no reproducer
  std::string dot;         // the lock graph of the report in DOT ("" when it has none)
  std::vector<Link> files;
  std::vector<Occurrence> others;
  std::uint64_t more_others = 0;  // reports not listed
};

// Cumulative counts over the campaign: each series steps up by one at each
// of its events (x: campaign syscalls).
struct Series {
  std::string name;
  std::vector<std::pair<std::uint64_t, std::string>> events;  // (x, tooltip), x ascending
};

struct Plot {
  std::string title, x_label;
  std::uint64_t x_end = 0;
  std::vector<Series> series;  // one panel each
};

struct Site {
  std::string heading;                                       // the page title
  std::vector<std::pair<std::string, std::string>> summary;  // label, value
  std::string first_seen_help;  // what first/last seen count ("run, campaign syscall"; "file:line")
  Plot plot;                    // drawn when it has series
  std::vector<Bug> bugs;        // in the order the index lists them
};

// The file name of a bug's page inside the site.
std::string bug_page_name(const Bug& b);
// The file name of its lock graph in DOT, beside the page.
std::string graph_file_name(const Bug& b);

// `target` (a path as the user gave it) as a link from the site `dir`; ""
// when there is no relative way there.
std::string link_from(const std::string& dir, const std::string& target);

// "" when `dir` may hold a site (missing, empty, or an earlier site: it is
// replaced whole), else the one-line reason. Checked before a campaign starts.
std::string check_site_dir(const std::string& dir);

// Renders every page (lock graphs through Graphviz's `dot`) into a fresh
// folder and puts it in place of `dir`; false with `error` set. A graph dot
// cannot draw is left out of its page, with `warning` saying why.
bool write_site(const Site& site, const std::string& dir, std::string& error, std::string& warning);

}  // namespace simtrinity::html
