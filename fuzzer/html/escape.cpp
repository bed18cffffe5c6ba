#include "fuzzer/html/escape.h"

namespace simtrinity::html {

std::string escape(std::string_view s) {
  std::string o;
  o.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default:
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
          o += "\xEF\xBF\xBD";
        else
          o += ch;
    }
  }
  return o;
}

std::string href(std::string_view p) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string o;
  for (char ch : p) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      o += ch;
    } else {
      o += '%';
      o += kHex[c >> 4];
      o += kHex[c & 15];
    }
  }
  return o;
}

}  // namespace simtrinity::html
