// Does any of a fixed set of short strings occur in a text? One pass over the
// text instead of one search per string: each pattern is filed under its
// rarest two adjacent bytes ("BUG:" under "G:", not "BU"; "kasan" under "ka"),
// so few text positions look at any pattern at all. The skip list (some 260 names, asked of every frame)
// and the header keywords (asked of every line) are what it is for.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace simtrinity::report {

class MultiMatch {
 public:
  // Every pattern at least two bytes long; the views must outlive the matcher.
  template <typename List>
  explicit MultiMatch(const List& patterns) : starts_(1 << 10, 0), head_(1 << 16, 0) {
    for (std::string_view p : patterns) add(p);
  }
  bool any(std::string_view s) const;

 private:
  void add(std::string_view p);
  static unsigned key(char a, char b) { return (static_cast<unsigned char>(a) << 8) | static_cast<unsigned char>(b); }

  // key -> whether a pattern starts so: 8 KiB, so the test of each text position stays in L1.
  std::vector<std::uint64_t> starts_;
  std::vector<std::uint16_t> head_;                 // key -> group index + 1 (0: no pattern starts so)
  struct Entry {
    std::string_view pattern;
    std::size_t offset;  // of the two bytes it is filed under
  };
  std::vector<std::vector<Entry>> groups_;
};

}  // namespace simtrinity::report
