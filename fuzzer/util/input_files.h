// What a subcommand is given to read: files, directories (every regular file
// below, recursively, in sorted path order so output never depends on
// readdir order) and "-" for standard input. Every input the tool reads
// (programs, libFuzzer inputs, known-bugs files, logs to triage) is read
// here, whole and bounded: no input can make it hang or grow without end.
//
// Only regular files and standard input are read. A FIFO, a device
// (/dev/zero), a socket is refused at once with one line (opened
// non-blocking, so a FIFO without a writer cannot hang the open either);
// to read a pipe, give "-" and redirect it to standard input.
#pragma once
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace simtrinity::util {

inline constexpr const char* kStdin = "-";

// The largest input read, unless --max-input-size says otherwise: far above
// any reproducer or kernel log we have met (the corpus's largest file is
// under 1 MiB), far below what would exhaust a CI runner's memory.
inline constexpr uint64_t kDefaultMaxInputSize = uint64_t{64} << 20;

// --max-input-size: one setting of the whole process (like a ulimit), set
// by main() before any subcommand reads anything.
void set_max_input_size(uint64_t bytes);
uint64_t max_input_size();
// "4096", "500k", "64M", "64MiB", "1GB": a byte count with an optional unit
// (k, M, G, any case, with or without "i" and "B", all powers of 1024);
// false for anything else, for 0 and for what does not fit in 64 bits.
bool parse_size(std::string_view text, uint64_t& bytes);

// The files named by `args`, expanded. A path that cannot be read gives one
// line in `errors` ("cannot read X: reason") and the others are still listed.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<std::string>& errors);

// Reads a file (or standard input for kStdin) whole, up to max_input_size();
// false with `error` ("cannot read X: reason") when it cannot.
bool read_file(const std::string& path, std::string& out, std::string& error);
// The same from a stream (standard input, or what a test gives in its
// place); `name` is what errors call it.
bool read_stream(std::istream& in, const std::string& name, std::string& out, std::string& error);

}  // namespace simtrinity::util
