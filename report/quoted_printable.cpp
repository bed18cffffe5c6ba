#include "report/quoted_printable.h"

#include "report/text.h"

namespace simtrinity::report {
namespace {
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
}  // namespace

bool signals_quoted_printable(std::string_view line) {
  return contains(line, "=3D") || contains(line, "quoted-printable");
}

std::string decode_quoted_printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '=' && i + 2 < line.size()) {
      const int hi = hex_value(line[i + 1]), lo = hex_value(line[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += line[i];
  }
  return out;
}

}  // namespace simtrinity::report
