// Text as XML 1.0 accepts it: markup characters escaped, characters XML
// cannot carry at all (C0 controls but tab, newline and carriage return)
// dropped, and bytes that are not UTF-8 replaced by U+FFFD, so a report or
// a path with stray bytes still gives a file every XML parser reads.
#pragma once
#include <string>
#include <string_view>

namespace simtrinity::util {

// Element content: & < > escaped.
std::string xml_text(std::string_view s);
// An attribute value in double quotes: also " and the white space that
// attribute normalisation would turn into spaces (tab, newline, CR) as
// character references.
std::string xml_attr(std::string_view s);

}  // namespace simtrinity::util
