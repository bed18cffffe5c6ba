// Per-line transport noise of §4: what mailers, syslog, /dev/kmsg and printk put in
// front of a kernel line. Stripped so report parsers see the line as printk wrote it.
#pragma once
#include <string>
#include <string_view>

namespace simtrinity::report {

struct CleanLine {
  std::string_view text;  // the kernel's own text (a view into the input)
  std::string_view context;  // printk caller id ("T1234", "C1") when the log carries one
};

// Strips, in order: mail quoting ("> ", "> > "), a syslog/journal prefix
// ("Mar 21 19:33:01 host kernel: "), /dev/kmsg and loglevel prefixes ("6,123,456,-;", "<4>"),
// printk timestamps ("[  123.456789]", dmesg -T "[Thu Mar 21 ...]") with the caller id.
CleanLine strip_line_noise(std::string_view line);

// True when a printk timestamp "[ 12.345]" appears anywhere in s: inside a header
// it means two messages were interleaved mid-line.
bool has_printk_timestamp(std::string_view s);

}  // namespace simtrinity::report
