#include "fuzzer/campaign/run_flags.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>
#include <type_traits>

#include <fmt/format.h>

#include "fuzzer/campaign/shard.h"
#include "fuzzer/campaign/victim.h"
#include "fuzzer/harness/schedulers.h"
#include "fuzzer/util/shell_word.h"

namespace simtrinity {

namespace {

template <typename T>
std::string word_of(const T& v) {
  if constexpr (std::is_same_v<T, std::string>)
    return util::shell_word(v);
  else
    return fmt::format("{}", v);
}

}  // namespace

std::string_view long_name(std::string_view names) {
  size_t at = 0;
  while (at < names.size()) {
    size_t end = names.find(',', at);
    if (end == std::string_view::npos) end = names.size();
    std::string_view n = names.substr(at, end - at);
    if (n.rfind("--", 0) == 0) return n;
    at = end + 1;
  }
  return names;
}

std::optional<uint64_t> numeric_flag(const RunFlags& f, std::string_view name) {
  std::optional<uint64_t> out;
  for_each_run_flag(f, [&](std::string_view names, std::string_view, bool, const auto& v) {
    using T = std::decay_t<decltype(v)>;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
      if (long_name(names) == name) out = static_cast<uint64_t>(v);
  });
  return out;
}

bool stops_on_first(const RunFlags& f) {
  return f.stop_on_first.value_or(f.syscalls == 0 && f.time == 0 && f.runs == 0);
}

std::string replay_args(const RunFlags& f) {
  std::string o;
  auto add = [&](std::string_view name, const std::string& value) {
    o += fmt::format("{}{} {}", o.empty() ? "" : " ", name, value);
  };
  for_each_run_flag(f, [&](std::string_view names, std::string_view, bool replayed, const auto& v) {
    if (!replayed) return;
    using T = std::decay_t<decltype(v)>;
    const std::string_view name = long_name(names);
    if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      for (const auto& e : v) add(name, util::shell_word(e));
    } else if constexpr (std::is_same_v<T, bool>) {
      if (v) o += fmt::format("{}{}", o.empty() ? "" : " ", name);
    } else if constexpr (requires { v.has_value(); }) {
      if (v) add(name, word_of(*v));
    } else {
      add(name, word_of(v));
    }
  });
  return o;
}

bool parse_flag_number(std::string_view t, uint64_t& out) {
  unsigned base = 10;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
    base = 16;
    t.remove_prefix(2);
  }
  if (t.empty()) return false;
  uint64_t v = 0;
  for (char c : t) {
    unsigned d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, d, &v)) return false;
  }
  out = v;
  return true;
}

bool parse_flag_number(std::string_view t, double& out) {
  // Plain decimals only: strtod would also take "nan", "inf" and hex floats.
  if (t.empty() || t.size() > 64 || t.find_first_not_of("0123456789.eE+-") != std::string_view::npos) return false;
  const std::string s(t);
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(d)) return false;
  out = d;
  return true;
}

std::string range_error(std::string_view name, std::string_view value, std::string_view lo, std::string_view hi) {
  return fmt::format("{} must be {}..{}, not '{}'", name, lo, hi, value);
}

std::string check_run_flags(const RunFlags& f) {
  std::string bad;
  for_each_run_flag(f, [&](std::string_view names, std::string_view, bool, const auto& v, const auto& range) {
    using T = std::decay_t<decltype(v)>;
    if (!bad.empty()) return;
    if constexpr (requires { v.has_value(); } && !std::is_same_v<T, std::optional<bool>>) {
      if (v) bad = check_in_range(long_name(names), *v, range);
    } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
      bad = check_in_range(long_name(names), v, range);
    }
  });
  if (!bad.empty()) return bad;
  if (!sk::find_profile(f.kernel)) {
    std::string names;
    for (const auto& p : sk::all_profiles()) names += (names.empty() ? "" : ", ") + std::string(p.name);
    return fmt::format("unknown kernel '{}' (try: {})", f.kernel, names);
  }
  if (!find_scheduler(f.scheduler)) return fmt::format("unknown scheduler '{}' ({})", f.scheduler, scheduler_names());
  if (auto e = check_victim(f.victim, f.kernel); !e.empty()) return e;
  if (!f.shard.empty()) {
    // Why a shard takes exactly these flags: shard.h.
    std::string e;
    if (!parse_shard(f.shard, e)) return e;
    if (!f.runs) return "--shard needs the campaign's size in runs (--runs R): each shard takes every N-th of them";
    if (f.syscalls || f.time > 0)
      return "--shard splits a campaign of --runs R runs: with -N or --time a shard's share would depend on the others";
    if (f.only_run) return "--shard and --only-run exclude each other (--only-run replays one run)";
    if (f.stop_on_first.value_or(false))
      return "--shard runs its whole share: it cannot know whether another shard met a fatal finding first (--stop-on-first)";
    if (f.out.empty()) return "--shard needs -o DIR: the shard's findings and shard.json go there for simtrinity merge";
  }
  return {};
}

std::vector<const SyscallEntry*> select_pool(const RunFlags& f, std::string& error) {
  std::vector<const SyscallEntry*> pool;
  std::vector<Group> groups;
  for (const auto& g : f.group) {
    Group gg{};
    if (!parse_group(g, gg)) {
      error = fmt::format("unknown group '{}' (vfs, ns, proc)", g);
      return {};
    }
    groups.push_back(gg);
  }
  std::set<std::string> only(f.syscall.begin(), f.syscall.end()), excl(f.exclude.begin(), f.exclude.end());
  for (const auto& [names, flag] : {std::pair{&only, "-c"}, std::pair{&excl, "-x"}})
    for (const auto& n : *names)
      if (!find_syscall(n)) {
        error = fmt::format("unknown syscall '{}' in {} (see: simtrinity syscalls)", n, flag);
        return {};
      }
  for (const auto& e : syscall_table()) {
    if (!only.empty() && !only.count(e.name)) continue;
    if (only.empty() && e.avoid) continue;
    if (!groups.empty() && std::find(groups.begin(), groups.end(), e.group) == groups.end()) continue;
    if (excl.count(e.name)) continue;
    if (e.avoid) {
      error = fmt::format("syscall '{}' is AVOID_SYSCALL (it would end the child) and cannot be fuzzed", e.name);
      return {};
    }
    pool.push_back(&e);
  }
  if (pool.empty()) error = "no syscall left to fuzz after -c/-x/-g";
  return pool;
}

}  // namespace simtrinity
