#include "fuzzer/html/page.h"

#include "fuzzer/html/escape.h"

namespace simtrinity::html {

// Kept byte for byte: the hash below is of exactly these bytes. After an
// edit: printf '%s' "<the script>" | openssl dgst -sha256 -binary | base64
// (tests/html checks the pair with openssl, and in Chromium that it runs).
const std::string_view kPageScript =
    "document.documentElement.dataset.js='on';"
    "for(const b of document.querySelectorAll('button[data-copy]')){"
    "b.hidden=false;"
    "b.addEventListener('click',()=>{"
    "const e=document.getElementById(b.dataset.copy);"
    "const done=()=>{b.textContent='Copied';};"
    "const pick=()=>{const r=document.createRange();r.selectNodeContents(e);"
    "const s=getSelection();s.removeAllRanges();s.addRange(r);"
    "if(document.execCommand('copy'))done();};"
    "if(navigator.clipboard)navigator.clipboard.writeText(e.textContent).then(done,pick);else pick();"
    "});}";
const std::string_view kPageScriptHash = "MHiVgRpgbKB7/lvoO/g0R4Zz7arSxY1QzJmUqzzdmeM=";

namespace {

constexpr std::string_view kStyle = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:78em;padding:1em 2em;color:#1b1b1b;background:#fff}
h1{font-size:1.45em;margin:.4em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
a{color:#0b57d0}code,pre{font:13px/1.35 ui-monospace,monospace}
pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.6em .8em;overflow:auto;max-height:40em;white-space:pre}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #e5e5e5;vertical-align:top}
th{white-space:nowrap}td.path{overflow-wrap:anywhere;min-width:10em}td code{white-space:nowrap}
th{background:#f3f3f3;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1.2em;margin:.5em 0}dt{font-weight:600}dd{margin:0}
.new{color:#b3261e;font-weight:600}.known{color:#5f6368}.corrupted{color:#8a5300}
.graph svg{max-width:100%;height:auto}.plot svg{max-width:100%;height:auto}
button{font-size:12px;margin:.2em 0}.help{color:#5f6368;font-size:.9em}
)";

}  // namespace

std::string page(std::string_view title, std::string_view body) {
  std::string o;
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  o += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "img-src data:; script-src 'sha256-";
  o += kPageScriptHash;
  o += "'\">\n<meta name=\"generator\" content=\"simtrinity\">\n";
  o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  o += escape(title);
  o += "</title>\n<style>";
  o += kStyle;
  o += "</style>\n</head>\n<body>\n";
  o += body;
  o += "<script>";
  o += kPageScript;
  o += "</script>\n</body>\n</html>\n";
  return o;
}

std::string status_badges(const Bug& b) {
  std::string s = b.known ? "<span class=\"known\">known</span>" : "<span class=\"new\">new</span>";
  if (b.corrupted) s += " <span class=\"corrupted\">corrupted</span>";
  return s;
}

}  // namespace simtrinity::html
