// What CI servers read from a campaign, checked with the consumers' own
// schemas (tests/schemas/): --junit with xmllint against Jenkins' junit-10.xsd.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "fuzzer/util/xml_text.h"
#include "tests/support/test_io.h"

namespace {

const std::string kSchemas = std::string(SIMTRINITY_SOURCE_DIR) + "/tests/schemas/";

// xmllint's verdict on `file` against junit-10.xsd ("" when it validates).
std::string junit_schema_errors(const std::string& file) {
  auto r = simtest::shell("xmllint --noout --schema " + kSchemas + "junit-10.xsd " + file);
  return r.status == 0 ? "" : r.out;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) n++;
  return n;
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
    EXPECT_EQ(attr(x, elem, "tests"), std::to_string(count(x, "<testcase "))) << elem << "\n" << x;
    EXPECT_EQ(attr(x, elem, "failures"), std::to_string(count(x, "<failure "))) << elem;
    EXPECT_EQ(attr(x, elem, "errors"), std::to_string(count(x, "<error "))) << elem;
  }
  EXPECT_EQ(attr(x, "testsuite", "skipped"), std::to_string(count(x, "<skipped "))) << x;
}

TEST(CiOutputs, JunitOf38CampaignValidatesWithOneFailurePerBug) {
  simtest::TempDir t;
  auto o = simtest::simtrinity("run -q -s 1 -o " + (t / "findings") + " --junit " + (t / "j.xml"));
  ASSERT_EQ(o.status, 1) << o.out;
  const std::string x = simtest::slurp(t / "j.xml");
  EXPECT_EQ(junit_schema_errors(t / "j.xml"), "");
  expect_counts_add_up(x);
  // The deadlock is the one failure; the warnings that came with it pass.
  EXPECT_EQ(count(x, "<failure "), 1u) << x;
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
  EXPECT_EQ(count(a, "<failure "), 0u);
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
  EXPECT_EQ(count(x, "<failure "), 0u) << x;
  EXPECT_EQ(count(x, "<skipped "), 1u) << x;
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
