#include "fuzzer/html/site.h"

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "fuzzer/html/bug_page.h"
#include "fuzzer/html/graphviz.h"
#include "fuzzer/html/index_page.h"
#include "fuzzer/util/atomic_write.h"

namespace fs = std::filesystem;

namespace simtrinity::html {
namespace {

// Ids are report/'s hex digits; anything else is kept out of file names.
std::string file_stem(const Bug& b) {
  std::string s = "bug-";
  for (unsigned char c : b.id) s += std::isalnum(c) || c == '-' || c == '_' ? static_cast<char>(c) : '_';
  return s;
}

// `dir` without trailing slashes, absolute; empty when it names no folder
// a site can replace ("/", ".", "..").
fs::path site_path(const std::string& dir) {
  const fs::path given = fs::path(dir).lexically_normal();
  const std::string last = (given.has_filename() ? given : given.parent_path()).filename().string();
  if (dir.empty() || last.empty() || last == "." || last == "..") return {};
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(dir), ec).lexically_normal();
  if (ec) return {};
  if (!p.has_filename()) p = p.parent_path();
  const std::string name = p.filename().string();
  if (name.empty() || name == "." || name == ".." || p == p.root_path()) return {};
  return p;
}

// What every page of ours carries (page.cpp): an earlier site may be replaced.
bool is_our_site(const fs::path& dir) {
  std::ifstream in(dir / "index.html", std::ios::binary);
  std::string head(2048, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find("<meta name=\"generator\" content=\"simtrinity\">") != std::string::npos;
}

}  // namespace

std::string bug_page_name(const Bug& b) { return file_stem(b) + ".html"; }
std::string graph_file_name(const Bug& b) { return file_stem(b) + ".dot"; }

std::string link_from(const std::string& dir, const std::string& target) {
  const fs::path p = site_path(dir);
  std::error_code ec;
  const fs::path t = fs::absolute(fs::path(target), ec).lexically_normal();
  if (p.empty() || ec) return "";
  const fs::path rel = t.lexically_relative(p);
  return rel.empty() ? "" : rel.generic_string();
}

std::string check_site_dir(const std::string& dir) {
  const fs::path p = site_path(dir);
  if (p.empty()) return fmt::format("--html '{}': name a folder of its own for the site", dir);
  std::error_code ec;
  const auto st = fs::symlink_status(p, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) return fmt::format("--html '{}' exists and is not a folder", dir);
    if (!fs::is_empty(p, ec) && !is_our_site(p))
      return fmt::format("--html '{}' is a folder that holds no simtrinity site; not replacing it", dir);
  }
  fs::create_directories(p.parent_path(), ec);
  if (ec || ::access(p.parent_path().c_str(), W_OK) != 0)
    return fmt::format("cannot write the --html site '{}': its parent folder is not writable", dir);
  return "";
}

bool write_site(const Site& site, const std::string& dir, std::string& error, std::string& warning) {
  if (auto e = check_site_dir(dir); !e.empty()) return error = e, false;
  const fs::path p = site_path(dir);
  util::AtomicDir d(p.string());
  std::vector<std::string> dots;
  for (const Bug& b : site.bugs)
    if (!b.dot.empty()) dots.push_back(b.dot);
  std::string why;
  const auto svgs = dot_to_svgs(dots, why);
  if (!why.empty()) warning = fmt::format("--html: lock graphs left out: {}", why);
  std::size_t next = 0;
  for (const Bug& b : site.bugs) {
    std::string svg, note = "This report has no lock graph (no tasks or locks in it).";
    if (!b.dot.empty()) {
      if (const auto& s = svgs[next++])
        svg = *s;
      else
        note = "The lock graph could not be drawn: " + why + ".";
      if (!d.put(graph_file_name(b), b.dot)) break;
    }
    if (!d.put(bug_page_name(b), bug_page(site, b, svg, note))) break;
  }
  if (!d.put("index.html", index_page(site)) || !d.commit()) {
    error = fmt::format("cannot write the --html site '{}': {}", dir, d.error());
    return false;
  }
  return true;
}

}  // namespace simtrinity::html
