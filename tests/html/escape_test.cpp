// Escaping and the page frame, checked against what the browser and openssl say.
#include <gtest/gtest.h>

#include <cstdio>

#include "fuzzer/html/escape.h"
#include "fuzzer/html/page.h"
#include "html_support.h"

using simtrinity::html::escape;
using simtrinity::html::href;

TEST(HtmlEscape, MarkupBecomesText) {
  EXPECT_EQ(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(escape("a & \"b\""), "a &amp; &quot;b&quot;");
  EXPECT_EQ(escape("&amp;"), "&amp;amp;");  // already escaped text is text too
  EXPECT_EQ(escape("line\n\tnext"), "line\n\tnext");
}

TEST(HtmlEscape, ControlBytesAreReplaced) {
  EXPECT_EQ(escape(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(escape("\x1b[31m\x7f"), "\xEF\xBF\xBD[31m\xEF\xBF\xBD");
  EXPECT_EQ(escape("\xc3\xa9"), "\xc3\xa9");  // UTF-8 passes
}

TEST(HtmlEscape, HrefKeepsAPathAPath) {
  EXPECT_EQ(href("../findings/a-1/report.txt"), "../findings/a-1/report.txt");
  EXPECT_EQ(href("javascript:alert(1)"), "javascript%3Aalert%281%29");  // no scheme survives
  EXPECT_EQ(href("a b/c?d#e\"<"), "a%20b/c%3Fd%23e%22%3C");
  EXPECT_EQ(href("\xc3\xa9"), "%C3%A9");
}

// The page's CSP names its script by hash: openssl, not our code, says the pair matches.
TEST(HtmlPage, ScriptHashIsTheScriptsSha256) {
  const auto dir = htmltest::test_dir();
  {
    FILE* f = std::fopen((dir / "script.js").c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(simtrinity::html::kPageScript.data(), 1, simtrinity::html::kPageScript.size(), f);
    std::fclose(f);
  }
  auto r = htmltest::sh_in(dir, "openssl dgst -sha256 -binary script.js | base64");
  if (r.status != 0) GTEST_SKIP() << "openssl not available: " << r.out;
  EXPECT_EQ(r.out, std::string(simtrinity::html::kPageScriptHash) + "\n");
}

TEST(HtmlPage, OnePolicyNoExternalLoads) {
  const std::string p = simtrinity::html::page("<t>", "<p>x</p>");
  EXPECT_NE(p.find("<title>&lt;t&gt;</title>"), std::string::npos);
  EXPECT_NE(p.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(p.find("http:"), std::string::npos);
  EXPECT_EQ(p.find("https:"), std::string::npos);
  EXPECT_EQ(p.find(" src="), std::string::npos);
}
