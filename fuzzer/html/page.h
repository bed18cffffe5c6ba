// The frame every page of a site shares: the document head (a Content
// Security Policy that lets nothing load from anywhere and runs only our own
// script, by its hash), the inline style sheet, and the copy-button script.
#pragma once
#include <string>
#include <string_view>

#include "fuzzer/html/site.h"

namespace simtrinity::html {

// The script of every page: un-hides the copy buttons (so a page read
// without scripts shows none that do nothing) and copies the text of the
// element a button names. Its SHA-256 is in the pages' CSP.
extern const std::string_view kPageScript;
// base64(SHA-256(kPageScript)), as CSP's 'sha256-...' source wants it.
extern const std::string_view kPageScriptHash;

// A whole document: `title` is text (escaped here), `body` markup.
std::string page(std::string_view title, std::string_view body);

// "new" or "known", and "corrupted", as the index and a bug's page show them.
std::string status_badges(const Bug& b);

}  // namespace simtrinity::html
