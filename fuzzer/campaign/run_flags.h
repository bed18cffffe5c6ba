// The options of `simtrinity run`: the struct made from run_flags.def, and
// what is decided from the flags alone (the syscall pool, whether the
// campaign stops at its first finding, the replay command line, checks).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "fuzzer/generate/name_pool.h"
#include "fuzzer/syscalls/syscall_table.h"
#include "simkernel/profiles.h"
#include "simkernel/sched/sched_policy.h"

namespace simtrinity {

// Counts (budgets, run lengths, run numbers) and seconds a flag may give at
// most: why, in run_flags.def.
inline constexpr uint64_t kMaxCount = 1'000'000'000'000'000ULL;
inline constexpr double kMaxSeconds = 1e9;

// The values a numeric flag may take (lo..hi, both included): the range
// column of run_flags.def. Flags that are not numbers have none.
template <typename T>
struct FlagValue {
  using type = T;
};
template <typename T>
struct FlagValue<std::optional<T>> {
  using type = T;
};
template <typename T>
struct FlagRange {
  using V = typename FlagValue<T>::type;
  bool bounded = false;
  V lo{}, hi{};
};

#define RANGE(lo, hi) {true, lo, hi}
#define ANY {}

struct RunFlags {
#define RUN_FLAG(type, member, names, def, range, replayed, help) type member = def;
#include "fuzzer/campaign/run_flags.def"
#undef RUN_FLAG
};

namespace detail {
template <typename Fn, typename T>
void run_flag_row(Fn& fn, std::string_view names, std::string_view help, bool replayed, T& v,
                  const FlagRange<std::remove_const_t<T>>& range) {
  if constexpr (std::is_invocable_v<Fn&, std::string_view, std::string_view, bool, T&,
                                    const FlagRange<std::remove_const_t<T>>&>)
    fn(names, help, replayed, v, range);
  else
    fn(names, help, replayed, v);
}
}  // namespace detail

// Calls fn(names, help, replayed, member) -- or, when fn takes one more
// argument, fn(names, help, replayed, member, range) -- for every row of the
// table, in order, with the member of `f` it declares.
template <typename Flags, typename Fn>
void for_each_run_flag(Flags& f, Fn&& fn) {
#define RUN_FLAG(type, member, names, def, range, replayed, help)                                                 \
  detail::run_flag_row(fn, std::string_view(names), std::string_view(help), static_cast<bool>(replayed), f.member, \
                       FlagRange<type> range);
#include "fuzzer/campaign/run_flags.def"
#undef RUN_FLAG
}

#undef RANGE
#undef ANY

// A number as a flag's value: decimal or 0x-hex digits (no sign, no octal),
// or for seconds a finite decimal; false when `text` is none or overflows.
bool parse_flag_number(std::string_view text, uint64_t& out);
bool parse_flag_number(std::string_view text, double& out);

// "" when `v` is in `r`, else the one-line error "--name must be LO..HI, not V".
std::string range_error(std::string_view long_name, std::string_view value, std::string_view lo, std::string_view hi);

template <typename V, typename T>
std::string check_in_range(std::string_view long_name, const V& v, const FlagRange<T>& r) {
  if (!r.bounded || (v >= r.lo && v <= r.hi)) return {};
  return range_error(long_name, fmt::format("{}", v), fmt::format("{}", r.lo), fmt::format("{}", r.hi));
}

// The command-line text of a numeric flag checked against its range and
// rewritten as plain decimal (what CLI11 then converts, so "010" is ten and
// not octal eight): "" when it is good, else the one-line error.
template <typename T>
std::string check_flag_text(std::string_view long_name, std::string& text, const FlagRange<T>& r) {
  using V = typename FlagRange<T>::V;
  const std::string lo = fmt::format("{}", r.lo), hi = fmt::format("{}", r.hi);
  if constexpr (std::is_floating_point_v<V>) {
    double d = 0;
    if (!parse_flag_number(text, d) || !(d >= r.lo && d <= r.hi)) return range_error(long_name, text, lo, hi);
    text = fmt::format("{}", d);
  } else {
    uint64_t u = 0;
    if (!parse_flag_number(text, u) || u < static_cast<uint64_t>(r.lo) || u > static_cast<uint64_t>(r.hi))
      return range_error(long_name, text, lo, hi);
    text = fmt::format("{}", u);
  }
  return {};
}

// "--seed" of "-s,--seed".
std::string_view long_name(std::string_view names);

// The value of a numeric flag by its long name (schedulers' parameters).
std::optional<uint64_t> numeric_flag(const RunFlags& f, std::string_view long_name);

// Whether the campaign stops at its first fatal finding: as given, else
// when there is no budget (-N, --runs) nor a time limit.
bool stops_on_first(const RunFlags& f);

// The arguments of `simtrinity run` that make the same runs: every replayed
// flag with its value (--only-run only when set), in table order.
std::string replay_args(const RunFlags& f);

// "" when the flags make sense, else a one-line reason (a usage error).
std::string check_run_flags(const RunFlags& f);

// The syscalls the children pick from: -c (only these), -g (groups), -x
// (not these); empty with `error` set when none is left or a name is unknown.
std::vector<const SyscallEntry*> select_pool(const RunFlags& f, std::string& error);

}  // namespace simtrinity
