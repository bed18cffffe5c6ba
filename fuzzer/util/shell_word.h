// A string as one POSIX shell word, for the commands we print for a user to
// paste (the replay line of repro.prog, the bug page's repro/minimize
// commands) and the ones the tests run: bare when every byte is one the
// shell takes literally, else in single quotes (a quote inside as '\'').
#pragma once
#include <string>
#include <string_view>

namespace simtrinity::util {

std::string shell_word(std::string_view s);

}  // namespace simtrinity::util
