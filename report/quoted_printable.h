// Reports pasted from mail archives arrive quoted-printable: rulers become
// "=3D=3D...", long lines end in a soft-break '='. Decoding is switched on per
// input once the encoding is seen, because raw lockdep rulers also end in '='.
#pragma once
#include <string>
#include <string_view>

namespace simtrinity::report {

// A line that announces or betrays quoted-printable text.
bool signals_quoted_printable(std::string_view line);

// Decodes "=XX" escapes; malformed escapes are kept as they are.
std::string decode_quoted_printable(std::string_view line);

}  // namespace simtrinity::report
