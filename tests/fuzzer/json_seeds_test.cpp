// Seeds in --json and meta.json are hex strings that name the seed exactly:
// a 64-bit seed as a JSON number comes out of jq or JavaScript rounded to a
// double (18446744073709551615 -> 18446744073709552000), one that names
// another campaign.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "fuzzer/util/shell_word.h"
#include "tests/support/test_io.h"

namespace fs = std::filesystem;
using simtrinity::util::shell_word;

TEST(JsonSeeds, SeedsAreExactHexStringsWithASchemaVersion) {
  simtest::TempDir t;
  auto r = simtest::simtrinity("run -q -s 18446744073709551615 -o " + shell_word(t / "f") + " --json " +
                                   shell_word(t / "s.json"),
                               "2>/dev/null");
  ASSERT_EQ(r.status, 1) << r.out;
  const auto j = nlohmann::json::parse(simtest::slurp(t / "s.json"));
  EXPECT_EQ(j.at("schema_version"), 2);
  EXPECT_EQ(j.at("seed"), "0xffffffffffffffff");
  // Each finding's run seed is the one standard output printed for it.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("run seed 0x0*([0-9a-f]+),"))) << r.out;
  const auto first = j.at("findings")[0];
  EXPECT_EQ(first.at("first_seen").at("run_seed"), "0x" + m[1].str());
  EXPECT_EQ(first.at("seed"), "0xffffffffffffffff");
  const auto meta = nlohmann::json::parse(simtest::slurp(first.at("dir").get<std::string>() + "/meta.json"));
  EXPECT_EQ(meta.at("schema_version"), 2);
  EXPECT_EQ(meta.at("first_seen").at("run_seed"), first.at("first_seen").at("run_seed"));
}
