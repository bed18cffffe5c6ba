// Turns a byte stream (a console log, dmesg, a syslog file, a saved mail) into
// the logical lines printk wrote: transport noise stripped (line_noise.h),
// quoted-printable decoded, format=flowed mail lines rejoined, rsyslog "#012"
// records split, and lines that a mailer or KERN_CONT split rejoined. Streams with bounded memory: a physical
// line longer than kMaxLine bytes is cut, so binary input costs nothing extra.
#pragma once
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace simtrinity::report {

struct LogLine {
  std::string text;
  std::string context;   // printk caller id, "" when the log has none
  std::uint64_t line_no = 0;  // first physical line (1-based)
};

class LogReader {
 public:
  static constexpr std::size_t kMaxLine = 4096;
  explicit LogReader(std::istream& in) : in_(in) {}

  // Next logical line; false at end of input.
  bool next(LogLine& out);

 private:
  bool read_physical(std::string& out);
  bool read_decoded(std::string& out);  // a physical line, quoted-printable decoded once seen
  bool fetch(LogLine& out);  // one cleaned line, before wrap joining
  bool peek_line();

  // Every line passes through raw_, split_ and peeked_, which keep their
  // capacity: after the first long lines, reading allocates nothing.
  std::istream& in_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::uint64_t physical_no_ = 0;
  bool quoted_printable_ = false;
  bool flowed_ = false, delsp_ = false;  // RFC 3676 format=flowed, switched on once seen
  std::string raw_, more_, flowed_next_;
  std::vector<LogLine> split_;  // pieces of one "#012"-joined syslog record
  std::size_t split_next_ = 0;  // the next piece of split_ to hand out
  LogLine peeked_;
  bool has_peeked_ = false;
};

}  // namespace simtrinity::report
