// How syzkaller finds the frame a report is titled after (pkg/report's
// "stack parts", google/syzkaller@1e72964b pkg/report/report.go
// extractStackFrame), in our words: a short list of steps walked down the
// report's lines. A step either moves past a marker line ("Call Trace:"),
// takes the one frame a line names ("RIP: 0010:fn+0x..", "... at: fn+0x.."),
// or reads "the stack from here": every frame line up to the next stack start.
// Frames on a skip list never enter; a fault-injection frame (should_fail)
// marks the walk corrupted. The title takes the first frame left, or what a
// kind's extractor picks (hung tasks, stalls).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simtrinity::report {

// Which of syzkaller's stack starts the line holds (0: none): 1 "Call Trace" /
// arm64's "Call trace", 2 "Allocated:", 3 "Allocated by task N:", 4 "Freed:",
// 5 "Freed by task N:", 6 "<x> backtrace:" but not lockdep's "stack backtrace:",
// 7 "Backtrace:", 8 "Uninit was stored to memory at".
int stack_start_kind(std::string_view line);
inline bool is_stack_start(std::string_view line) { return stack_start_kind(line) != 0; }

// " ? fn+0x.." and ppc64's "fn+0x.. (unreliable)": the unwinder's guesses. With
// printk timestamps syzkaller drops these lines from the report before reading
// it, so no step of a walk ever matches one.
bool is_questionable_frame(std::string_view line);

// The functions a frame line names, as syzkaller reads them: up to two
// "[<pc>]" then a name followed by '+' or '.' ("fn+0x1a/0x2b", "fn.isra.0+0x..");
// ARM's "[<pc>] (fn) from [<pc>] (fn2+0x..)" names both. Unreliable frames
// (" ? fn", ppc64's "fn+0x.. (unreliable)") and symbolized inline copies
// ("fn file.h:N [inline]") name none. C++ names come demangled.
std::vector<std::string> line_frames(std::string_view line);

// The instruction-pointer line: x86 "RIP: 0010:fn+0x..", "IP: [<pc>] fn+0x..",
// ppc64 "NIP [pc] fn+0x..", arm64 "pc : fn+0x..", arm32 "PC is at fn+0x..".
// nullopt when the line is not one; "" when it is but names no function
// (a user-space "RIP: 0033:0x4a8f9").
std::optional<std::string> rip_frame(std::string_view line);

// The first name after "at: " (optionally "at: [<pc>] "), when followed by '+' or '.'.
std::optional<std::string> at_frame(std::string_view line, bool pc_required = false);

// The first "[<pc>] fn+" on the line.
std::optional<std::string> pc_frame(std::string_view line);

// "_Z8fakeNameiii" -> "fakeName", "_ZN3foo3barEv" -> "foo::bar"; other names unchanged.
std::string demangle(std::string_view name);

class StackWalk {
 public:
  // `extra_skip`: the kind's own unanchored skip names on top of syzkaller's global list.
  StackWalk(const std::vector<std::string>& lines, std::vector<std::string_view> extra_skip = {});

  // Moves past the first line at or after the cursor with `pred(line)`. A
  // fault-injection line on the way ends the step unmatched (and corrupts the walk).
  template <typename Pred>
  bool marker(Pred pred) {
    for (; pos_ < lines_.size(); ++pos_) {
      if (corrupted_line(lines_[pos_])) {
        ++pos_;
        return false;
      }
      if (!is_questionable_frame(lines_[pos_]) && pred(lines_[pos_])) {
        ++pos_;
        return true;
      }
    }
    return false;
  }
  // As marker, for a step that names a frame: `get(line)` gives std::optional<std::string>
  // (nullopt: not this line; "": the line, naming no function).
  template <typename Get>
  bool capture(Get get) {
    std::optional<std::string> got;
    if (!marker([&](std::string_view l) { return (got = get(l)).has_value(); })) return false;
    if (!got->empty()) add(*got);
    return true;
  }
  // Report regexps ("... is trying to acquire lock(.*\n)+?.*at: FUNC") need
  // their parts on later lines than the header; stack parts may use it.
  void skip_header() { pos_ = pos_ == 0 ? 1 : pos_; }
  // The frames from the cursor to the next stack start (which it moves past).
  void stack();

  const std::vector<std::string>& frames() const { return frames_; }  // skip list applied, prefixes kept
  bool corrupted() const { return corrupted_; }

 private:
  bool corrupted_line(std::string_view line);
  void add(std::string_view fn);

  const std::vector<std::string>& lines_;
  std::vector<std::string_view> extra_skip_;
  std::size_t pos_ = 0;
  std::vector<std::string> frames_;
  bool corrupted_ = false;
};

}  // namespace simtrinity::report
