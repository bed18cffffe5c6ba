// util::shell_word against the oracle that matters: /bin/sh reads each word
// back as the one argument it was made from.
#include <gtest/gtest.h>

#include "fuzzer/util/shell_word.h"
#include "tests/support/test_io.h"

namespace {

TEST(ShellWord, TheShellReadsBackTheSameBytes) {
  const std::vector<std::string> words = {
      "plain/path.prog", "a b", "it's", "'", "''", "$HOME", "`id`", "a;b", "x\ny", "tab\there", "*", "~root",
      "--flag=v a", "back\\slash", "\"dq\"", "-", "a=b", "café", "!event", "#hash"};
  for (const auto& w : words) {
    const auto r = simtest::run_command("printf '%s' " + simtrinity::util::shell_word(w));
    EXPECT_EQ(r.status, 0) << w;
    EXPECT_EQ(r.out, w) << simtrinity::util::shell_word(w);
  }
}

TEST(ShellWord, PlainWordsStayBareAndTheEmptyWordIsQuoted) {
  EXPECT_EQ(simtrinity::util::shell_word("out/repro.prog"), "out/repro.prog");
  EXPECT_EQ(simtrinity::util::shell_word("--kernel=3.8"), "--kernel=3.8");
  EXPECT_EQ(simtrinity::util::shell_word(""), "''");
  EXPECT_EQ(simtrinity::util::shell_word("a b"), "'a b'");
}

}  // namespace
