// One lock as lockdep prints it, in every era (§1.2): the 3.x
// " #0:  (class){+.+.+.}, at: [<addr>] fn+0x/0x", the modern
// " #0: ffff888... (class){+.+.}-{3:3}, at: fn+0x/0x file.c:N", the unindexed
// lines after "is trying to acquire lock:", and the seed's
// " #0: held: (class){...}, instance: ffff..., at: [<addr>] fn+0x/0x".
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace simtrinity::report {

struct LockLine {
  int index = -1;          // "#i:", -1 when the line has none
  std::string state;       // "held" / "blocked" in the seed's style, else ""
  std::string instance;    // lock address when printed
  std::string cls;         // class as printed: "&type->i_mutex_dir_key#2/1"
  std::string at;          // function after ", at:" ("" if cut off)
  bool at_has_offset = false;  // "fn+0x.." rather than an "[inline]" copy: only these name bugs
};

std::optional<LockLine> parse_lock_line(std::string_view line);

// "(class){usage}" at the start of s: the class, or nullopt.
std::optional<std::string> parse_class_token(std::string_view s);

// The bucketing form of a class (§1.3, §6): "#N" dropped (boot order), "/S" kept
// (call site), "&(&X)->rlock" written "&X" so spinlocks match across 5.7.
std::string normalize_class(std::string_view cls);

}  // namespace simtrinity::report
