// Everything a page shows that came from input (report text, titles, paths,
// reproducers, lock class names) goes through here, so a report containing
// `<script>` is shown as text, never parsed as markup.
#pragma once
#include <string>
#include <string_view>

namespace simtrinity::html {

// Text for an element's content or a quoted attribute value: & < > " ' as
// character references; C0 controls other than tab and newline (and DEL),
// which HTML does not allow, as U+FFFD.
std::string escape(std::string_view s);

// A relative path as an href: every byte outside RFC 3986's unreserved set
// and '/' percent-encoded, so '?', '#', ':' and spaces in a finding's folder
// name stay part of the path (and a path can never become "javascript:").
std::string href(std::string_view relative_path);

}  // namespace simtrinity::html
