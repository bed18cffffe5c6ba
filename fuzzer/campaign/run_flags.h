// The options of `simtrinity run`: the struct made from run_flags.def, and
// what is decided from the flags alone (the syscall pool, whether the
// campaign stops at its first finding, the replay command line, checks).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzzer/generate/name_pool.h"
#include "fuzzer/syscalls/syscall_table.h"
#include "simkernel/profiles.h"

namespace simtrinity {

struct RunFlags {
#define RUN_FLAG(type, member, names, def, replayed, help) type member = def;
#include "fuzzer/campaign/run_flags.def"
#undef RUN_FLAG
};

// Calls fn(names, help, replayed, member) for every row of the table, in
// order, with the member of `f` it declares.
template <typename Flags, typename Fn>
void for_each_run_flag(Flags& f, Fn&& fn) {
#define RUN_FLAG(type, member, names, def, replayed, help) \
  fn(std::string_view(names), std::string_view(help), static_cast<bool>(replayed), f.member);
#include "fuzzer/campaign/run_flags.def"
#undef RUN_FLAG
}

// "--seed" of "-s,--seed".
std::string_view long_name(std::string_view names);

// The value of a numeric flag by its long name (schedulers' parameters).
std::optional<uint64_t> numeric_flag(const RunFlags& f, std::string_view long_name);

// Whether the campaign stops after the first run with a new finding: as
// given, else when there is neither a syscall budget nor a time limit.
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
