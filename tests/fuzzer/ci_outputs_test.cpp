// What CI servers read from a campaign, checked with the consumers' own
// schemas (tests/schemas/): --junit with xmllint against Jenkins' junit-10.xsd,
// --sarif with python3-jsonschema against the OASIS SARIF 2.1.0 schema.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <set>
#include <string>

#include "fuzzer/util/xml_text.h"
#include "tests/support/schemas.h"
#include "tests/support/test_io.h"

namespace {

using simtest::junit_schema_errors;
using simtest::sarif_schema_errors;

std::vector<std::string> source_lines(const std::string& rel) {
  std::ifstream is(std::string(SIMTRINITY_SOURCE_DIR) + "/" + rel);
  std::vector<std::string> lines;
  for (std::string l; std::getline(is, l);) lines.push_back(l);
  return lines;
}

// The simulated function a source line is in: the nearest KFRAME(fn),
// KFRAME_AT_SITE(fn) or SYSCALL_ENTER(name) at or above it ("" if none).
std::string function_at(const std::vector<std::string>& lines, size_t line) {
  std::regex frame(R"((KFRAME|KFRAME_AT_SITE)\(([a-z0-9_]+)\)|SYSCALL_ENTER\(([a-z0-9_]+)\))");
  for (size_t i = std::min(line, lines.size()); i-- > 0;) {
    std::smatch m;
    if (std::regex_search(lines[i], m, frame)) return m[2].matched ? m[2].str() : "sys_" + m[3].str();
    if (lines[i].rfind("}", 0) == 0) return "";  // left a function body at column 0
  }
  return "";
}

// The value of attribute `name` of the first element `elem`.
std::string attr(const std::string& xml, const std::string& elem, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(xml, m, std::regex("<" + elem + " [^>]*\\b" + name + "=\"([^\"]*)\""))) return "<none>";
  return m[1];
}

std::set<std::string> testcase_names(const std::string& xml) {
  std::set<std::string> names;
  std::regex re("<testcase [^>]*name=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return names;
}

// The counts of the suite and of the whole file add up to what is in it.
void expect_counts_add_up(const std::string& x) {
  for (const char* elem : {"testsuites", "testsuite"}) {
    EXPECT_EQ(attr(x, elem, "tests"), std::to_string(simtest::occurrences(x, "<testcase "))) << elem << "\n" << x;
    EXPECT_EQ(attr(x, elem, "failures"), std::to_string(simtest::occurrences(x, "<failure "))) << elem;
    EXPECT_EQ(attr(x, elem, "errors"), std::to_string(simtest::occurrences(x, "<error "))) << elem;
  }
  EXPECT_EQ(attr(x, "testsuite", "skipped"), std::to_string(simtest::occurrences(x, "<skipped "))) << x;
}

TEST(CiOutputs, JunitOf38CampaignValidatesWithOneFailurePerBug) {
  simtest::TempDir t;
  auto o = simtest::simtrinity("run -q -s 1 -o " + (t / "findings") + " --junit " + (t / "j.xml"));
  ASSERT_EQ(o.status, 1) << o.out;
  const std::string x = simtest::slurp(t / "j.xml");
  EXPECT_EQ(junit_schema_errors(t / "j.xml"), "");
  expect_counts_add_up(x);
  // The deadlock is the one failure; the warnings that came with it pass.
  EXPECT_EQ(simtest::occurrences(x, "<failure "), 1u) << x;
  EXPECT_NE(x.find("<failure message=\"possible deadlock in lock_rename\" type=\"blocked-self\">"), std::string::npos);
  EXPECT_TRUE(testcase_names(x).count("campaign"));
  EXPECT_GT(testcase_names(x).size(), 1u);
}

TEST(CiOutputs, JunitOfClean39CampaignValidatesWithStableNames) {
  simtest::TempDir t;
  for (const char* n : {"20000", "30000"}) {
    auto o = simtest::simtrinity(std::string("run -q -o '' --kernel 3.9 -N ") + n + " --junit " + (t / n));
    ASSERT_EQ(o.status, 0) << o.out;
    EXPECT_EQ(junit_schema_errors(t / n), "");
    expect_counts_add_up(simtest::slurp(t / n));
  }
  const std::string a = simtest::slurp(t / "20000"), b = simtest::slurp(t / "30000");
  EXPECT_EQ(simtest::occurrences(a, "<failure "), 0u);
  EXPECT_EQ(testcase_names(a), testcase_names(b));
  EXPECT_EQ(testcase_names(a), std::set<std::string>{"campaign"});
  EXPECT_NE(a.find("<property name=\"syscalls\" value=\"20000\"/>"), std::string::npos) << a;
}

TEST(CiOutputs, JunitOfKnownBugsIsSkippedNotFailed) {
  simtest::TempDir t;
  FILE* f = std::fopen((t / "known.txt").c_str(), "w");
  std::fputs("possible deadlock in lock_rename\n", f);
  std::fclose(f);
  auto o = simtest::simtrinity("run -q -s 1 -o '' --known " + (t / "known.txt") + " --junit " + (t / "j.xml"));
  const std::string x = simtest::slurp(t / "j.xml");
  EXPECT_EQ(junit_schema_errors(t / "j.xml"), "");
  expect_counts_add_up(x);
  EXPECT_EQ(simtest::occurrences(x, "<failure "), 0u) << x;
  EXPECT_EQ(simtest::occurrences(x, "<skipped "), 1u) << x;
}

TEST(CiOutputs, SarifOf38CampaignValidatesAndPointsAtTheLockRenameLine) {
  simtest::TempDir t;
  auto o = simtest::simtrinity("run -q -s 1 -o '' --sarif " + (t / "r.sarif"));
  ASSERT_EQ(o.status, 1) << o.out;
  EXPECT_EQ(sarif_schema_errors(t / "r.sarif"), "");
  const auto log = nlohmann::json::parse(simtest::slurp(t / "r.sarif"));
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& run = log["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  const auto& results = run["results"];
  EXPECT_EQ(run["tool"]["driver"]["name"], "simtrinity");
  bool deadlock = false;
  size_t checked = 0;
  for (const auto& res : results) {
    // ruleId and ruleIndex agree, the level follows fatal/warning.
    EXPECT_EQ(rules[res["ruleIndex"].get<size_t>()]["id"], res["ruleId"]);
    if (res["message"]["text"] == "possible deadlock in lock_rename") {
      deadlock = true;
      EXPECT_EQ(res["ruleId"], "blocked-self");
      EXPECT_EQ(res["level"], "error");
      const auto& pl = res["locations"][0]["physicalLocation"];
      EXPECT_EQ(pl["artifactLocation"]["uri"], "simkernel/fs/rename_locking.cpp");
      const auto lines = source_lines(pl["artifactLocation"]["uri"]);
      const size_t line = pl["region"]["startLine"];
      ASSERT_LE(line, lines.size());
      // The line lock_rename blocked on: where it takes the second i_mutex.
      EXPECT_NE(lines[line - 1].find("mutex_lock_nested"), std::string::npos) << line << ": " << lines[line - 1];
      EXPECT_EQ(function_at(lines, line), "lock_rename");
      EXPECT_FALSE(res["stacks"].empty());
    }
    // Every frame with a source line is inside the function it names.
    for (const char* key : {"locations", "relatedLocations"})
      if (res.contains(key))
        for (const auto& l : res[key]) {
          if (!l.contains("physicalLocation")) continue;
          const std::string uri = l["physicalLocation"]["artifactLocation"]["uri"];
          const size_t line = l["physicalLocation"]["region"]["startLine"];
          EXPECT_EQ(function_at(source_lines(uri), line), l["logicalLocations"][0]["name"]) << uri << ":" << line;
          checked++;
        }
  }
  EXPECT_TRUE(deadlock) << run.dump(2);
  EXPECT_GT(checked, 5u);
}

TEST(CiOutputs, SarifOfClean39CampaignValidatesWithNoResults) {
  simtest::TempDir t;
  auto o = simtest::simtrinity("run -q -o '' --kernel 3.9 -N 20000 --sarif " + (t / "r.sarif"));
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(sarif_schema_errors(t / "r.sarif"), "");
  const auto log = nlohmann::json::parse(simtest::slurp(t / "r.sarif"));
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  EXPECT_TRUE(log["runs"][0]["invocations"][0]["executionSuccessful"]);
}

TEST(CiOutputs, SarifValidatorRejectsWhatIsNotSarif) {
  // The check can fail: a result without its message is not SARIF.
  simtest::TempDir t;
  std::ofstream(t / "bad.sarif") << R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},)"
                                  << R"( "results": [{"ruleId": "r"}]}]})";
  EXPECT_NE(sarif_schema_errors(t / "bad.sarif"), "");
}

TEST(CiOutputs, VersionIsOneLine) {
  auto v = simtest::simtrinity("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_TRUE(std::regex_match(v.out, std::regex("simtrinity [0-9]+\\.[0-9]+\\.[0-9]+\n"))) << v.out;
}

TEST(CiOutputs, XmlTextCarriesAnyBytes) {
  // Markup, a C0 control, a lone continuation byte, an overlong '/', a
  // surrogate and a valid 3-byte character.
  const std::string raw = "a<b>&\"c\"\x01\x80\xC0\xAF\xED\xA0\x80\xE2\x82\xAC\tz\n";
  EXPECT_EQ(simtrinity::util::xml_text(raw),
            "a&lt;b&gt;&amp;\"c\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xE2\x82\xAC\tz\n");
  EXPECT_EQ(simtrinity::util::xml_attr("\"\t\n"), "&quot;&#9;&#10;");
  // And xmllint, which knows XML, reads both.
  simtest::TempDir t;
  FILE* f = std::fopen((t / "x.xml").c_str(), "w");
  std::fprintf(f, "<a b=\"%s\">%s</a>\n", simtrinity::util::xml_attr(raw).c_str(),
               simtrinity::util::xml_text(raw).c_str());
  std::fclose(f);
  auto r = simtest::shell("xmllint --noout " + (t / "x.xml"));
  EXPECT_EQ(r.status, 0) << r.out;
}

}  // namespace
