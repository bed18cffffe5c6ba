// `run --html` and `triage --html` as a user runs them: what the site holds,
// that it is the same bytes for the same campaign, that input is text, and
// what happens to folders it must not replace.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "html_support.h"

namespace fs = std::filesystem;
using htmltest::bin;
using htmltest::count;
using htmltest::sh_in;
using simtest::slurp;

namespace {

// Every href of a page.
std::vector<std::string> hrefs(const std::string& page) {
  std::vector<std::string> out;
  std::regex re("href=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

// Each link is relative and names a file that exists.
void expect_links_resolve(const fs::path& site, const std::string& page_name) {
  const std::string page = slurp(site / page_name);
  for (const auto& h : hrefs(page)) {
    EXPECT_EQ(h.find(':'), std::string::npos) << page_name << ": " << h;
    EXPECT_NE(h.front(), '/') << page_name << ": " << h;
    EXPECT_TRUE(fs::is_regular_file(site / h)) << page_name << ": " << h;
  }
}

}  // namespace

TEST(HtmlRun, SiteHasARowAndAPagePerFinding) {
  const auto dir = htmltest::test_dir();
  auto r = sh_in(dir, bin() + " run -q -s 1 -o findings --json s.json --html site");
  ASSERT_EQ(r.status, 1) << r.out;
  const auto j = nlohmann::json::parse(slurp(dir / "s.json"));
  const std::string index = slurp(dir / "site/index.html");
  ASSERT_GE(j["findings"].size(), 1u);
  EXPECT_EQ(count(index, "<tr data-bug="), j["findings"].size());
  for (const auto& f : j["findings"]) {
    const std::string id = f["id"];
    EXPECT_NE(index.find(std::string(f["title"])), std::string::npos);
    const std::string page = slurp(dir / "site" / ("bug-" + id + ".html"));
    ASSERT_FALSE(page.empty()) << id;
    // The reproducer shown is the one saved, and the commands name it.
    const std::string repro = slurp(dir / std::string(f["dir"]) / "repro.prog");
    ASSERT_FALSE(repro.empty());
    const std::string first_line = repro.substr(0, repro.find('\n'));
    EXPECT_NE(page.find("simtrinity repro " + std::string(f["dir"]) + "/repro.prog"), std::string::npos) << id;
    EXPECT_NE(page.find("id=\"last-calls\""), std::string::npos) << id;
    expect_links_resolve(dir / "site", "bug-" + id + ".html");
  }
  expect_links_resolve(dir / "site", "index.html");
  // The deadlock's page draws its lock graph: dot's SVG, inline.
  const std::string deadlock = slurp(dir / "site" / ("bug-" + std::string(j["findings"].back()["id"]) + ".html"));
  EXPECT_NE(deadlock.find("<svg"), std::string::npos);
  EXPECT_NE(deadlock.find("class=\"node\""), std::string::npos);
  EXPECT_NE(index.find("class=\"plot\""), std::string::npos);
}

// Same campaign, same site, byte for byte: run in two folders, and with
// --jobs 2 against --jobs 1 (runs finish in another order; findings do not).
TEST(HtmlRun, SameCampaignSameBytes) {
  const auto dir = htmltest::test_dir();
  std::map<std::string, std::string> sites[3];
  const char* jobs[] = {"1", "1", "2"};
  for (int i = 0; i < 3; ++i) {
    const fs::path d = dir / std::to_string(i);
    fs::create_directories(d);
    auto r = sh_in(d, bin() + " run -q -s 3 -N 400000 --no-stop-on-first -o f --html site --jobs " + jobs[i]);
    ASSERT_EQ(r.status, 1) << r.out;
    sites[i] = htmltest::files_of(d / "site");
  }
  ASSERT_GT(sites[0].size(), 2u);
  EXPECT_EQ(sites[0], sites[1]);
  EXPECT_EQ(sites[0], sites[2]);
  // Several runs, so the plot has steps and the reports' list has entries.
  EXPECT_NE(sites[0]["index.html"].find("<polyline"), std::string::npos);
}

TEST(HtmlTriage, HostileReportIsText) {
  const auto dir = htmltest::test_dir();
  fs::copy_file(fs::path(SIMTRINITY_SOURCE_DIR) / "tests/html/fixtures/hostile_report.txt", dir / "hostile.txt");
  auto r = sh_in(dir, bin() + " triage -q hostile.txt --html site --json t.json");
  ASSERT_EQ(r.status, 1) << r.out;
  const auto j = nlohmann::json::parse(slurp(dir / "t.json"));
  ASSERT_EQ(j["buckets"].size(), 1u);
  const std::string page = slurp(dir / "site" / ("bug-" + std::string(j["buckets"][0]["bucket"]) + ".html"));
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;/10422 is trying to acquire lock:"), std::string::npos);
  EXPECT_EQ(count(page, "<script>"), 1u);  // ours
  // The graph is drawn with the hostile labels as text too.
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_EQ(count(slurp(dir / "site/index.html"), "<script>"), 1u);
}

TEST(HtmlTriage, CorpusSiteListsEveryBucket) {
  const auto dir = htmltest::test_dir();
  const std::string corpus = std::string(SIMTRINITY_SOURCE_DIR) + "/tests/report/corpus";
  auto r = sh_in(dir, bin() + " triage -q " + corpus + " --html site --json t.json");
  ASSERT_EQ(r.status, 1) << r.out;
  const auto j = nlohmann::json::parse(slurp(dir / "t.json"));
  const std::string index = slurp(dir / "site/index.html");
  ASSERT_GT(j["buckets"].size(), 10u);
  EXPECT_EQ(count(index, "<tr data-bug="), j["buckets"].size());
  size_t graphs = 0;
  for (const auto& b : j["buckets"]) {
    const std::string name = "bug-" + std::string(b["bucket"]) + ".html";
    const std::string page = slurp(dir / "site" / name);
    ASSERT_FALSE(page.empty()) << name;
    graphs += page.find("<svg") != std::string::npos;
    if (b["count"] > 1) EXPECT_NE(page.find("id=\"others\""), std::string::npos) << name;
  }
  EXPECT_GT(graphs, j["buckets"].size() / 2);
  expect_links_resolve(dir / "site", "index.html");
  expect_links_resolve(dir / "site", "bug-" + std::string(j["buckets"][0]["bucket"]) + ".html");
  // Nothing but what was asked for lands in the working directory (a
  // triage --html once left one <bucket>.dot per bucket there).
  std::set<std::string> made;
  for (const auto& e : fs::directory_iterator(dir)) made.insert(e.path().filename().string());
  EXPECT_EQ(made, (std::set<std::string>{"site", "t.json"}));
}

// Triage of a campaign's finding folders shows their reproducers.
TEST(HtmlTriage, FindingFoldersBringTheirReproducers) {
  const auto dir = htmltest::test_dir();
  ASSERT_EQ(sh_in(dir, bin() + " run -q -s 1 -o findings").status, 1);
  auto r = sh_in(dir, bin() + " triage -q findings --html site");
  ASSERT_EQ(r.status, 1) << r.out;
  const std::string index = slurp(dir / "site/index.html");
  std::regex re("href=\"(bug-[0-9a-f]+\\.html)\"");
  size_t pages = 0;
  for (auto it = std::sregex_iterator(index.begin(), index.end(), re); it != std::sregex_iterator(); ++it, ++pages) {
    const std::string page = slurp(dir / "site" / (*it)[1].str());
    EXPECT_NE(page.find("id=\"repro\""), std::string::npos) << (*it)[1];
    EXPECT_NE(page.find("id=\"last-calls\""), std::string::npos) << (*it)[1];
  }
  EXPECT_GE(pages, 1u);
}

TEST(HtmlSite, NeverReplacesAFolderThatIsNoSite) {
  const auto dir = htmltest::test_dir();
  fs::create_directories(dir / "mine");
  { std::ofstream(dir / "mine/notes.txt") << "keep me\n"; }
  for (const std::string& cmd : {bin() + " run -q -o '' --html mine", bin() + " triage -q /dev/null --html mine",
                                 bin() + " run -q -o '' --html .", bin() + " run -q -o '' --html mine/notes.txt"}) {
    auto r = sh_in(dir, cmd);
    EXPECT_EQ(r.status, 2) << cmd << "\n" << r.out;
    EXPECT_EQ(count(r.out, "\n"), 1u) << cmd << "\n" << r.out;
    EXPECT_EQ(slurp(dir / "mine/notes.txt"), "keep me\n");
  }
  // An earlier site is replaced whole.
  ASSERT_EQ(sh_in(dir, bin() + " run -q -o '' --html site").status, 1);
  { std::ofstream(dir / "site/stale.html") << "old\n"; }
  ASSERT_EQ(sh_in(dir, bin() + " run -q -o '' --kernel 3.9 -N 1000 --html site").status, 0);
  EXPECT_FALSE(fs::exists(dir / "site/stale.html"));
  EXPECT_NE(slurp(dir / "site/index.html").find("No bugs found."), std::string::npos);
}

// Without Graphviz the site is still written, and says why a graph is missing.
TEST(HtmlSite, WithoutDotTheGraphIsLeftOut) {
  const auto dir = htmltest::test_dir();
  auto r = sh_in(dir, "PATH=/nonexistent " + bin() + " run -q -s 1 -o '' --html site");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("simtrinity run: --html: lock graphs left out: Graphviz's dot is not installed"),
            std::string::npos)
      << r.out;
  size_t notes = 0;
  for (const auto& [name, bytes] : htmltest::files_of(dir / "site")) {
    EXPECT_EQ(bytes.find("class=\"node\""), std::string::npos) << name;
    notes += count(bytes, "The lock graph could not be drawn");
  }
  EXPECT_GE(notes, 1u);
}
