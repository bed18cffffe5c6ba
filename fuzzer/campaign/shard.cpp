#include "fuzzer/campaign/shard.h"

#include <fmt/format.h>

#include "fuzzer/campaign/run_flags.h"

namespace simtrinity {

std::string Shard::text() const { return fmt::format("{}/{}", index, count); }

Shard campaign_shard(const RunFlags& f) {
  std::string error;
  return f.shard.empty() ? Shard{} : parse_shard(f.shard, error).value_or(Shard{});
}

std::optional<Shard> parse_shard(std::string_view text, std::string& error) {
  const size_t slash = text.find('/');
  Shard s;
  // Decimal only (no 0x: "0x1/4" reads as nothing a CI matrix would write).
  auto decimal = [](std::string_view t, uint64_t& out) {
    return !t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos && parse_flag_number(t, out);
  };
  if (slash == std::string_view::npos || !decimal(text.substr(0, slash), s.index) ||
      !decimal(text.substr(slash + 1), s.count)) {
    error = fmt::format("--shard must be I/N (shard I of N, 0 <= I < N), not '{}'", text);
    return std::nullopt;
  }
  if (s.count == 0 || s.count > kMaxCount || s.index >= s.count) {
    error = fmt::format("--shard {}: the index must be 0..N-1 and N 1..{}", text, kMaxCount);
    return std::nullopt;
  }
  return s;
}

}  // namespace simtrinity
