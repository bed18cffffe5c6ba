// Graphviz as the site runs it: many graphs through one dot, and a graph dot
// rejects costs only its own drawing.
#include <gtest/gtest.h>

#include "fuzzer/html/graphviz.h"

using simtrinity::html::dot_to_svgs;

namespace {
bool have_dot() { return std::system("command -v dot >/dev/null 2>&1") == 0; }
}  // namespace

TEST(Graphviz, OneProcessManyGraphsInOrder) {
  if (!have_dot()) GTEST_SKIP() << "Graphviz's dot is not installed";
  std::string error;
  const auto svgs = dot_to_svgs({"digraph a { x -> y; }\n", "digraph b { p -> q -> r; }\n"}, error);
  ASSERT_EQ(svgs.size(), 2u);
  ASSERT_TRUE(svgs[0] && svgs[1]) << error;
  EXPECT_EQ(svgs[0]->rfind("<svg", 0), 0u);  // the element alone: no XML declaration, no DOCTYPE
  EXPECT_EQ(svgs[0]->find("<!--"), std::string::npos);
  EXPECT_NE(svgs[0]->find("<title>a</title>"), std::string::npos);
  EXPECT_NE(svgs[1]->find("<title>b</title>"), std::string::npos);
  EXPECT_EQ(svgs[0]->find(">r</text>"), std::string::npos);
  EXPECT_NE(svgs[1]->find(">r</text>"), std::string::npos);
}

TEST(Graphviz, ABadGraphFailsAlone) {
  if (!have_dot()) GTEST_SKIP() << "Graphviz's dot is not installed";
  std::string error;
  const auto svgs = dot_to_svgs({"digraph a { x -> y; }\n", "digraph { -> ; \n", "digraph c { m; }\n"}, error);
  ASSERT_EQ(svgs.size(), 3u);
  EXPECT_TRUE(svgs[0].has_value());
  EXPECT_FALSE(svgs[1].has_value());
  EXPECT_TRUE(svgs[2].has_value());
  EXPECT_EQ(error, "dot failed on the lock graph");
}

// Labels are text in dot's SVG, whatever they hold.
TEST(Graphviz, MarkupInLabelsIsText) {
  if (!have_dot()) GTEST_SKIP() << "Graphviz's dot is not installed";
  std::string error;
  const auto svgs = dot_to_svgs({"digraph a { n [label=\"<script>x</script> onload=y\"]; }\n"}, error);
  ASSERT_TRUE(svgs[0]) << error;
  EXPECT_EQ(svgs[0]->find("<script"), std::string::npos);
  EXPECT_NE(svgs[0]->find("&lt;script&gt;x&lt;/script&gt; onload=y"), std::string::npos);
}
