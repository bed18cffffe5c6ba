// One call-trace frame in any of §4's shapes: 3.x " [<ffffffff811c7034>] lock_rename+0x114/0x120",
// modern " lock_rename+0x114/0x120", syzbot's " lock_rename+0x.../0x... fs/namei.c:2395" and
// " inode_lock include/linux/fs.h:771 [inline]", unreliable " ? fn+0x..", ARM
// "[<c0..>] (fn+0x../0x..) from [<..>]", ppc64 "[c000..] [c000..] .fn+0x..", s390 "([<..>] fn+0x..)".
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace simtrinity::report {

struct Frame {
  std::string fn;
  bool reliable = true;    // not a " ? " guess of the unwinder
  bool has_offset = false; // "fn+0x"/"fn.": syzkaller names bugs only after such frames
};

std::optional<Frame> parse_frame(std::string_view line);

}  // namespace simtrinity::report
