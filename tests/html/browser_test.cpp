// The sites as a browser shows them: headless Chromium (Debian's chromium)
// opens the index and bug pages of a 3.8 campaign and of a triage run over
// the real-report corpus plus a hostile report, from file://, and a frame
// page (harness.html.in) reads their DOM: rows, links, the drawn lock graph,
// the reproducer, that our one script ran under the pages' CSP, and that the
// hostile report's markup is text. Then it takes screenshots.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "html_support.h"

namespace fs = std::filesystem;
using htmltest::bin;
using htmltest::sh_in;
using simtest::slurp;

namespace {

const std::string kChromium = std::string(SIMTRINITY_SOURCE_DIR) + "/scripts/chromium-headless";
constexpr int kNoChromium = 77;  // scripts/chromium-headless: not installed

std::string file_url(const fs::path& p) { return "file://" + p.string(); }

fs::path url_path(const std::string& url) {
  EXPECT_EQ(url.rfind("file://", 0), 0u) << url;
  std::string p = url.substr(7);
  p = p.substr(0, p.find('#'));
  std::string o;  // percent-decoding
  for (size_t i = 0; i < p.size(); ++i)
    if (p[i] == '%' && i + 2 < p.size()) {
      o += static_cast<char>(std::stoi(p.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      o += p[i];
    }
  return o;
}

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = htmltest::test_dir();
    auto probe = sh_in(dir_, kChromium + " --version");
    if (probe.status == kNoChromium) GTEST_SKIP() << "chromium is not installed (scripts/bootstrap browser): skipped";
    ASSERT_EQ(probe.status, 0) << probe.out;
  }
  fs::path dir_;
};

// The bug page of the first index row whose title is `title`.
std::string page_of(const nlohmann::json& index, const std::string& title) {
  for (const auto& r : index["rows"])
    if (r["title"] == title) return r["page"];
  return "";
}

}  // namespace

TEST_F(Browser, SitesReadThroughTheDom) {
  // A 3.8 campaign of several runs, and triage of the corpus plus the hostile report.
  ASSERT_EQ(sh_in(dir_, bin() + " run -q -s 1 -N 300000 --no-stop-on-first -o findings --json run.json --html run-site").status, 1);
  fs::copy_file(fs::path(SIMTRINITY_SOURCE_DIR) / "tests/html/fixtures/hostile_report.txt", dir_ / "hostile.txt");
  const std::string corpus = std::string(SIMTRINITY_SOURCE_DIR) + "/tests/report/corpus";
  ASSERT_EQ(sh_in(dir_, bin() + " triage -q " + corpus + " hostile.txt --json triage.json --html triage-site").status, 1);
  const auto run = nlohmann::json::parse(slurp(dir_ / "run.json"));
  const auto triage = nlohmann::json::parse(slurp(dir_ / "triage.json"));
  std::string hostile_bucket;
  for (const auto& r : triage["reports"])
    if (std::string(r["file"]) == "hostile.txt") hostile_bucket = r["bucket"];
  ASSERT_FALSE(hostile_bucket.empty());

  // First pass: the two indexes, to learn the pages' addresses from their links.
  auto look = [&](const std::vector<fs::path>& pages) {
    std::string frames;
    for (const auto& p : pages) frames += "<iframe src=\"" + file_url(p) + "\" width=\"1200\" height=\"400\"></iframe>\n";
    std::string h = slurp(fs::path(SIMTRINITY_SOURCE_DIR) / "tests/html/harness.html.in");
    h.replace(h.find("@FRAMES@"), 8, frames);
    std::ofstream(dir_ / "harness.html") << h;
    auto r = sh_in(dir_, kChromium + " --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom " +
                             file_url(dir_ / "harness.html"));
    EXPECT_EQ(r.status, 0) << r.out;
    const auto at = r.out.find("<pre id=\"result\">"), end = r.out.find("</pre>", at);
    EXPECT_NE(at, std::string::npos) << r.out;
    if (at == std::string::npos) return nlohmann::json();
    return nlohmann::json::parse(r.out.substr(at + 17, end - at - 17));
  };
  auto idx = look({dir_ / "run-site/index.html", dir_ / "triage-site/index.html"});
  ASSERT_EQ(idx.size(), 2u) << idx.dump();
  const auto& ri = idx[0];
  const auto& ti = idx[1];

  // Index: one row per finding / bucket, in the JSON's order, titles as text.
  ASSERT_EQ(ri["rows"].size(), run["findings"].size());
  for (size_t i = 0; i < run["findings"].size(); ++i) {
    EXPECT_EQ(ri["rows"][i]["title"], run["findings"][i]["title"]);
    EXPECT_EQ(ri["rows"][i]["kind"], run["findings"][i]["kind"]);
    EXPECT_EQ(ri["rows"][i]["count"], std::to_string(int(run["findings"][i]["count"])));
  }
  ASSERT_EQ(ti["rows"].size(), triage["buckets"].size());
  for (size_t i = 0; i < triage["buckets"].size(); ++i) EXPECT_EQ(ti["rows"][i]["title"], triage["buckets"][i]["title"]);
  EXPECT_EQ(ri["plot_lines"], 2);
  for (const auto* x : {&ri, &ti}) {
    EXPECT_EQ((*x)["js"], "on");  // our script ran: the CSP's hash is right
    EXPECT_EQ((*x)["scripts"], 1);
    EXPECT_EQ((*x)["injected"], 0);
    for (const auto& l : (*x)["links"]) EXPECT_TRUE(fs::is_regular_file(url_path(l))) << l;
  }
  // The campaign's links stay inside the folder it ran in (the triage site
  // also links to its inputs, here in the source tree).
  for (const auto& l : ri["links"])
    EXPECT_EQ(url_path(l).lexically_normal().string().rfind(dir_.string(), 0), 0u) << l;

  // Bug pages: the campaign's deadlock and the hostile report's bucket.
  const std::string deadlock = page_of(ri, "possible deadlock in lock_rename");
  ASSERT_FALSE(deadlock.empty());
  const fs::path hostile = dir_ / "triage-site" / ("bug-" + hostile_bucket + ".html");
  auto pages = look({url_path(deadlock), hostile});
  ASSERT_EQ(pages.size(), 2u);
  const auto& d = pages[0];
  EXPECT_EQ(d["title"], "possible deadlock in lock_rename");
  EXPECT_GE(d["graph_nodes"], 3);  // the task and its locks, drawn by dot
  EXPECT_GE(d["graph_edges"], 3);
  EXPECT_NE(std::string(d["report"]).find("Showing all locks held in the system:"), std::string::npos);
  EXPECT_NE(std::string(d["last_calls"]).find("rename"), std::string::npos);
  EXPECT_EQ(d["repro"], slurp(dir_ / std::string(run["findings"].back()["dir"]) / "repro.prog"));
  EXPECT_NE(std::string(d["commands"]).find("simtrinity minimize findings/"), std::string::npos);
  EXPECT_EQ(d["buttons_shown"], 2);  // un-hidden by our script

  const auto& h = pages[1];
  EXPECT_EQ(h["injected"], 0);
  EXPECT_EQ(h["scripts"], 1);
  EXPECT_NE(std::string(h["report"]).find("<script>alert(1)</script>/10422 is trying to acquire lock:"), std::string::npos);
  bool label = false;
  for (const auto& t : h["graph_text"]) label = label || std::string(t).find("<img src=x onerror=alert(2)>") != std::string::npos;
  EXPECT_TRUE(label) << h["graph_text"].dump();

  // Screenshots of what a user sees first.
  for (const auto& [png, page] : {std::pair{"run.png", dir_ / "run-site/index.html"},
                                  std::pair{"bug.png", url_path(deadlock)},
                                  std::pair{"triage.png", dir_ / "triage-site/index.html"}}) {
    auto r = sh_in(dir_, kChromium + " --window-size=1280,900 --screenshot=" + (dir_ / png).string() + " " + file_url(page));
    EXPECT_EQ(r.status, 0) << r.out;
    const std::string bytes = slurp(dir_ / png);
    EXPECT_GT(bytes.size(), 20'000u) << png;
    EXPECT_EQ(bytes.substr(0, 8), "\x89PNG\r\n\x1a\n") << png;
  }
}
