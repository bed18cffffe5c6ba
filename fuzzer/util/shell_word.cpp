#include "fuzzer/util/shell_word.h"

#include <cctype>

namespace simtrinity::util {

std::string shell_word(std::string_view s) {
  // '=' is literal in an argument (only a leading NAME= word is an
  // assignment, and we never print a bare word first).
  bool plain = !s.empty();
  for (unsigned char c : s) plain = plain && (std::isalnum(c) || std::string_view("/._-+:=,@%").find(c) != std::string_view::npos);
  if (plain) return std::string(s);
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

}  // namespace simtrinity::util
