#include "fuzzer/campaign/run_flags.h"

#include <algorithm>
#include <set>
#include <type_traits>

#include <fmt/format.h>

#include "fuzzer/harness/schedulers.h"

namespace simtrinity {

namespace {

// A value as a shell word: bare when it is plain, else in single quotes.
std::string shell_word(const std::string& s) {
  bool plain = !s.empty();
  for (unsigned char c : s) plain = plain && (std::isalnum(c) || std::string_view("/._-+:=,").find(c) != std::string_view::npos);
  if (plain) return s;
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

template <typename T>
std::string word_of(const T& v) {
  if constexpr (std::is_same_v<T, std::string>)
    return shell_word(v);
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

bool stops_on_first(const RunFlags& f) { return f.stop_on_first.value_or(f.syscalls == 0 && f.time == 0); }

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
      for (const auto& e : v) add(name, shell_word(e));
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

std::string check_run_flags(const RunFlags& f) {
  if (!sk::find_profile(f.kernel)) {
    std::string names;
    for (const auto& p : sk::all_profiles()) names += (names.empty() ? "" : ", ") + std::string(p.name);
    return fmt::format("unknown kernel '{}' (try: {})", f.kernel, names);
  }
  if (f.children < 1 || f.children > 32) return "--children must be 1..32";
  if (f.jobs < 1 || f.jobs > 256) return "--jobs must be 1..256";
  if (f.netns_children > 100) return "--netns-children must be 0..100";
  if (f.name_reuse > 100) return "--name-reuse must be 0..100";
  if (!find_scheduler(f.scheduler)) return fmt::format("unknown scheduler '{}' ({})", f.scheduler, scheduler_names());
  if (f.victim.empty() || f.victim[0] != '/' || f.victim == "/") return fmt::format("bad victim directory '{}'", f.victim);
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
