#include "fuzzer/util/xml_text.h"

#include <cstdint>

namespace simtrinity::util {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), 0 when there is none.
size_t utf8_length(std::string_view s, size_t i, uint32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  size_t n;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; k++) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

std::string escape(std::string_view s, bool attr) {
  std::string o;
  o.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t n = utf8_length(s, i, cp);
    if (n == 0) {
      o += kReplacement;
      i++;
      continue;
    }
    const std::string_view ch = s.substr(i, n);
    i += n;
    switch (cp) {
      case '&': o += "&amp;"; continue;
      case '<': o += "&lt;"; continue;
      case '>': o += "&gt;"; continue;
      case '"': o += attr ? "&quot;" : "\""; continue;
      case '\t': o += attr ? "&#9;" : "\t"; continue;
      case '\n': o += attr ? "&#10;" : "\n"; continue;
      case '\r': o += "&#13;"; continue;  // a literal CR would be read back as a newline
      default: break;
    }
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) continue;  // not an XML 1.0 character
    o += ch;
  }
  return o;
}

}  // namespace

std::string xml_text(std::string_view s) { return escape(s, false); }
std::string xml_attr(std::string_view s) { return escape(s, true); }

}  // namespace simtrinity::util
