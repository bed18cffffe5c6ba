#include "fuzzer/prog/minimize.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "simkernel/base/hash.h"
#include "simkernel/uapi.h"

namespace simtrinity::prog {

Predicate title_reproduces(std::string title, ExecOptions o) {
  return [title = std::move(title), o = std::move(o)](const Program& p) { return execute(p, o).has_title(title); };
}

Predicate kind_reproduces(std::string kind, ExecOptions o) {
  return [kind = std::move(kind), o = std::move(o)](const Program& p) { return execute(p, o).has_kind(kind); };
}

std::string default_title(const Program& p, const RunOutcome& first) {
  std::string t = expected_title(p);
  if (t.empty() && first.primary()) t = first.primary()->id.title;
  return t;
}

size_t call_count(const Program& p) {
  size_t n = 0;
  for (const auto& c : p.children) n += c.calls.size();
  return n;
}

namespace {

// Removes calls [from, to) of child `ci` and, transitively, every later call
// of that child that uses a result a removed call bound.
ProgChild without_calls(const ProgChild& c, size_t from, size_t to) {
  ProgChild out = c;
  out.calls.clear();
  std::set<int> dead;
  std::set<int> live;
  for (size_t i = 0; i < c.calls.size(); i++) {
    const ProgCall& pc = c.calls[i];
    bool drop = i >= from && i < to;
    if (!drop)
      for (const auto& a : pc.args)
        if (a.kind == Arg::Kind::ref && !live.count(a.ref)) drop = true;
    if (drop) {
      if (pc.result >= 0) live.erase(pc.result);
      continue;
    }
    if (pc.result >= 0) live.insert(pc.result);
    out.calls.push_back(pc);
  }
  return out;
}

// The decimal numbers in `s` ("/proc/4/task/12" -> 4, 12).
void numbers_in(const std::string& s, std::set<std::string>& out) {
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] < '0' || s[i] > '9') continue;
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') j++;
    out.insert(s.substr(i, j - i));
    i = j;
  }
}

// `s` with every number that is `n` as "1": pids become trinity-main's.
std::string with_number_as_1(const std::string& s, const std::string& n) {
  std::string t;
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') j++;
    if (j > i) {
      t += s.compare(i, j - i, n) == 0 ? "1" : s.substr(i, j - i);
      i = j;
    } else {
      t += s[i++];
    }
  }
  return t;
}

// The last `k` calls of `c`, with every earlier call that binds an rN they
// use (transitively): what the child was doing when the report came.
ProgChild suffix_of(const ProgChild& c, size_t k) {
  size_t from = c.calls.size() > k ? c.calls.size() - k : 0;
  std::vector<bool> keep(c.calls.size(), false);
  std::set<int> need;
  for (size_t i = c.calls.size(); i-- > 0;) {
    const ProgCall& pc = c.calls[i];
    if (i >= from || (pc.result >= 0 && need.count(pc.result))) {
      keep[i] = true;
      if (pc.result >= 0) need.erase(pc.result);
      for (const auto& a : pc.args)
        if (a.kind == Arg::Kind::ref) need.insert(a.ref);
    }
  }
  ProgChild out = c;
  out.calls.clear();
  for (size_t i = 0; i < c.calls.size(); i++)
    if (keep[i]) out.calls.push_back(c.calls[i]);
  return out;
}

bool is_path(ArgType t) { return t == ArgType::pathname || t == ArgType::newpath; }

// The absolute directory a child's call `k` resolves relative paths in:
// for a path argument `ai` after a dirfd rN, the path rN was opened with;
// otherwise the last chdir()/fchdir() before it. Empty when unknown.
std::string base_dir(const ProgChild& c, size_t k, size_t ai) {
  auto opened = [&](int r) -> std::string {  // the absolute path rN was opened with
    for (size_t i = 0; i < k; i++) {
      const ProgCall& pc = c.calls[i];
      if (pc.result != r) continue;
      std::string_view n = pc.e->name;
      if (n == "open" && !pc.args[0].s.empty() && pc.args[0].s[0] == '/') return pc.args[0].s;
      if (n == "openat" && pc.args[0].kind == Arg::Kind::num && pc.args[0].v == AT_FDCWD && !pc.args[1].s.empty() &&
          pc.args[1].s[0] == '/')
        return pc.args[1].s;
    }
    return {};
  };
  const ProgCall& pc = c.calls[k];
  if (ai > 0 && pc.e->args[ai - 1].type == ArgType::dirfd) {
    const Arg& d = pc.args[ai - 1];
    if (d.kind == Arg::Kind::ref) return opened(d.ref);
    if (d.kind != Arg::Kind::num || d.v != AT_FDCWD) return {};
  }
  for (size_t i = k; i-- > 0;) {
    const ProgCall& q = c.calls[i];
    std::string_view n = q.e->name;
    if (n == "chdir") return !q.args[0].s.empty() && q.args[0].s[0] == '/' ? q.args[0].s : std::string();
    if (n == "fchdir") return q.args[0].kind == Arg::Kind::ref ? opened(q.args[0].ref) : std::string();
  }
  return "/";  // the cwd of a fresh child
}

bool simpler(const std::string& a, const std::string& b) {  // a strictly simpler than b
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::vector<std::string> string_candidates(const std::string& s) {
  std::vector<std::string> c;
  // Drop one path component at a time (the last one first).
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); i++)
    if (s[i] == '/' && i + 1 < s.size() && s[i + 1] != '/') starts.push_back(i);
  for (size_t k = starts.size(); k-- > 0;) {
    size_t b = starts[k];
    size_t e = s.find('/', b + 1);
    std::string t = s.substr(0, b) + (e == std::string::npos ? "" : s.substr(e));
    if (!t.empty()) c.push_back(t);
  }
  // Drop two components at once ("task/4").
  for (size_t k = starts.size(); k-- > 1;) {
    size_t b = starts[k - 1];
    size_t e = s.find('/', starts[k] + 1);
    std::string t = s.substr(0, b) + (e == std::string::npos ? "" : s.substr(e));
    if (!t.empty()) c.push_back(t);
  }
  if (s.rfind("./", 0) == 0) c.push_back(s.substr(2));
  if (s.size() > 1 && s.back() == '/') c.push_back(s.substr(0, s.size() - 1));
  for (size_t i = 0; i + 1 < s.size(); i++)
    if (s[i] == '/' && s[i + 1] == '/') c.push_back(s.substr(0, i) + s.substr(i + 1));
  // Shorten the last component to one letter; numbers to "1".
  size_t last = s.rfind('/');
  std::string base = last == std::string::npos ? s : s.substr(last + 1);
  std::string head = last == std::string::npos ? "" : s.substr(0, last + 1);
  if (base.size() > 1 && base != "..") c.push_back(head + "a");
  // Every occurrence of one number at once ("/proc/4/task/4" -> "/proc/1/task/1"), then one at a time.
  std::set<std::string> nums;
  numbers_in(s, nums);
  for (const auto& n : nums)
    if (n != "1") c.push_back(with_number_as_1(s, n));
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] < '0' || s[i] > '9') continue;
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') j++;
    if (s.substr(i, j - i) != "1") c.push_back(s.substr(0, i) + "1" + s.substr(j));
    i = j;
  }
  std::vector<std::string> out;
  for (auto& t : c)
    if (simpler(t, s)) out.push_back(std::move(t));
  return out;
}

std::vector<long> number_candidates(const ArgDesc& d, long v) {
  std::vector<long> c;
  if (v == 0 && d.type != ArgType::dirfd) return c;
  switch (d.type) {
    case ArgType::flags:
      c.push_back(0);
      for (int b = 0; b < 63; b++)
        if (v & (1L << b)) c.push_back(v & ~(1L << b));
      break;
    case ArgType::dirfd:
      if (v != AT_FDCWD) c.push_back(AT_FDCWD);
      break;
    case ArgType::mode:
    case ArgType::len:
    case ArgType::undefined:
    case ArgType::pid: c.push_back(0); break;
    default: break;  // fds, dirfds and ops keep their meaning
  }
  return c;
}

// The *at() call as its plain form when its dirfds are AT_FDCWD and its
// flags 0: renameat2 -> renameat -> rename, openat -> open, ...
struct Rewrite {
  const char* from;
  const char* to;
  std::vector<int> keep;                 // args of `from` that become the args of `to`
  std::vector<std::pair<int, long>> need;  // args of `from` that must have these values
};
const std::vector<Rewrite>& rewrites() {
  static const std::vector<Rewrite> r = {
      {"renameat2", "renameat", {0, 1, 2, 3}, {{4, 0}}},
      {"renameat", "rename", {1, 3}, {{0, AT_FDCWD}, {2, AT_FDCWD}}},
      {"linkat", "link", {1, 3}, {{0, AT_FDCWD}, {2, AT_FDCWD}, {4, 0}}},
      {"symlinkat", "symlink", {0, 2}, {{1, AT_FDCWD}}},
      {"openat", "open", {1, 2, 3}, {{0, AT_FDCWD}}},
      {"mkdirat", "mkdir", {1, 2}, {{0, AT_FDCWD}}},
      {"unlinkat", "unlink", {1}, {{0, AT_FDCWD}, {2, 0}}},
      {"readlinkat", "readlink", {1, 2, 3}, {{0, AT_FDCWD}}},
  };
  return r;
}

std::optional<ProgCall> rewrite(const ProgCall& pc) {
  for (const auto& rw : rewrites()) {
    if (std::string_view(pc.e->name) != rw.from) continue;
    bool ok = true;
    for (auto [i, v] : rw.need) ok = ok && pc.args[i].kind == Arg::Kind::num && pc.args[i].v == v;
    if (!ok) return std::nullopt;
    ProgCall out;
    out.e = find_syscall(rw.to);
    out.result = pc.result;
    for (int i : rw.keep) out.args.push_back(pc.args[i]);
    return out;
  }
  return std::nullopt;
}

class Minimizer {
 public:
  Minimizer(const Predicate& pred, const MinimizeOptions& o) : pred_(pred), o_(o) {}

  bool test(const Program& p) {
    uint64_t h = sk::fnv1a(print(p));
    auto it = memo_.find(h);
    if (it != memo_.end()) {
      hits_++;
      return it->second;
    }
    execs_++;
    bool ok = pred_(p);
    memo_.emplace(h, ok);
    return ok;
  }

  void say(const Program& p, const char* phase) {
    if (o_.progress)
      o_.progress(fmt::format("minimize: {}: {} child{}, {} call{}, schedule {}, {} executions", phase,
                              p.children.size(), p.children.size() == 1 ? "" : "ren", call_count(p),
                              call_count(p) == 1 ? "" : "s",
                              p.schedule.replay() ? fmt::format("{} choices", p.schedule.choices.size())
                                                                        : std::string("generated"),
                              execs_));
  }

  bool budget_left() const { return execs_ < o_.max_execs; }

  // `p` with the first candidate (set into a copy by `set`) that still holds.
  template <typename T, typename Set>
  bool first_that_holds(Program& p, const std::vector<T>& candidates, Set set) {
    for (const auto& v : candidates) {
      if (!budget_left()) break;
      Program c = p;
      set(c, v);
      if (test(c)) {
        p = std::move(c);
        return true;
      }
    }
    return false;
  }

  bool drop_children(Program& p) {
    // One child alone first (a bug of one task), then one child less at a time.
    for (size_t i = 0; i < p.children.size() && p.children.size() > 1 && budget_left(); i++) {
      Program c = p;
      c.children = {p.children[i]};
      if (test(c)) {
        p = std::move(c);
        return true;
      }
    }
    bool any = false;
    for (size_t i = p.children.size(); i-- > 0 && p.children.size() > 1 && budget_left();) {
      Program c = p;
      c.children.erase(c.children.begin() + static_cast<long>(i));
      if (test(c)) {
        p = std::move(c);
        any = true;
      }
    }
    return any;
  }

  // A number in the strings of every call at once as "1": a pid that names
  // another child (which must then stay alive) becomes trinity-main's.
  bool rewrite_numbers(Program& p) {
    std::set<std::string> nums;
    for (const auto& c : p.children)
      for (const auto& pc : c.calls)
        for (const auto& a : pc.args)
          if (a.kind == Arg::Kind::str) numbers_in(a.s, nums);
    bool any = false;
    for (const auto& n : nums) {
      if (n == "1" || !budget_left()) continue;
      Program c = p;
      for (auto& ch : c.children)
        for (auto& pc : ch.calls)
          for (auto& a : pc.args)
            if (a.kind == Arg::Kind::str) a.s = with_number_as_1(a.s, n);
      if (c != p && test(c)) {
        p = std::move(c);
        any = true;
      }
    }
    return any;
  }

  // Each child's shortest tail (1, 2, 4, ... calls) that still shows it:
  // a report is about the calls in flight when it came.
  bool keep_tails(Program& p) {
    bool any = false;
    for (size_t ci = 0; ci < p.children.size() && budget_left(); ci++) {
      size_t n = p.children[ci].calls.size();
      for (size_t k = 1; k < n && budget_left(); k *= 2) {
        Program c = p;
        c.children[ci] = suffix_of(p.children[ci], k);
        if (c.children[ci].calls.size() < n && test(c)) {
          p = std::move(c);
          any = true;
          break;
        }
      }
    }
    return any;
  }

  // A relative path as the absolute one it resolves to (through its dirfd or
  // the child's last chdir), so the call no longer needs the calls before it.
  bool absolute_paths(Program& p) {
    bool any = false;
    for (size_t ci = 0; ci < p.children.size(); ci++)
      for (size_t k = 0; k < p.children[ci].calls.size() && budget_left(); k++) {
        // No reference into `p` lives across a test: a success replaces p.
        const SyscallEntry* e = p.children[ci].calls[k].e;
        for (size_t ai = 0; ai < e->args.size() && budget_left(); ai++) {
          const Arg a = p.children[ci].calls[k].args[ai];
          if (!is_path(e->args[ai].type) || a.kind != Arg::Kind::str || a.s.empty() || a.s[0] == '/') continue;
          std::string base = base_dir(p.children[ci], k, ai);
          if (base.empty()) continue;
          Program c = p;
          ProgCall& nc = c.children[ci].calls[k];
          nc.args[ai].s = base + (base.back() == '/' ? "" : "/") + a.s;
          if (ai > 0 && e->args[ai - 1].type == ArgType::dirfd) {
            nc.args[ai - 1].kind = Arg::Kind::num;
            nc.args[ai - 1].v = AT_FDCWD;
          }
          if (test(c)) {
            p = std::move(c);
            any = true;
          }
        }
      }
    return any;
  }

  bool drop_calls(Program& p) {
    bool any = false;
    for (size_t ci = 0; ci < p.children.size(); ci++) {
      size_t n = p.children[ci].calls.size();
      for (size_t chunk = std::max<size_t>(1, n / 2); chunk >= 1 && budget_left(); chunk /= 2) {
        // From the end: the calls that matter tend to be the last ones.
        size_t end = p.children[ci].calls.size();
        while (end > 0 && budget_left()) {
          size_t from = end > chunk ? end - chunk : 0;
          Program c = p;
          c.children[ci] = without_calls(p.children[ci], from, end);
          if (c.children[ci].calls.size() < p.children[ci].calls.size() && test(c)) {
            p = std::move(c);
            any = true;
            end = std::min(from, p.children[ci].calls.size());
          } else {
            end = from;
          }
        }
        if (chunk == 1) break;
      }
    }
    return any;
  }

  bool simplify_args(Program& p) {
    bool any = false;
    for (size_t ci = 0; ci < p.children.size(); ci++) {
      if (p.children[ci].new_netns && budget_left()) {
        Program c = p;
        c.children[ci].new_netns = false;
        if (test(c)) {
          p = std::move(c);
          any = true;
        }
      }
      for (size_t k = 0; k < p.children[ci].calls.size(); k++) {
        for (size_t ai = 0; ai < p.children[ci].calls[k].args.size(); ai++) {
          bool again = true;
          while (again && budget_left()) {
            again = false;
            const ProgCall& pc = p.children[ci].calls[k];
            if (ai >= pc.args.size()) break;
            const Arg& a = pc.args[ai];
            if (a.kind == Arg::Kind::ref && pc.e->args[ai].type == ArgType::dirfd) {
              Program c = p;
              Arg& na = c.children[ci].calls[k].args[ai];
              na.kind = Arg::Kind::num;
              na.v = AT_FDCWD;
              if (test(c)) {
                p = std::move(c);
                any = again = true;
              }
            } else if (a.kind == Arg::Kind::str) {
              again = first_that_holds(p, string_candidates(a.s), [&](Program& c, const std::string& s) {
                c.children[ci].calls[k].args[ai].s = s;
              });
            } else if (a.kind == Arg::Kind::num) {
              again = first_that_holds(p, number_candidates(pc.e->args[ai], a.v), [&](Program& c, long v) {
                c.children[ci].calls[k].args[ai].v = v;
              });
            }
            any |= again;
          }
        }
        // The plain form of an *at() call.
        while (budget_left()) {
          auto rw = rewrite(p.children[ci].calls[k]);
          if (!rw) break;
          Program c = p;
          c.children[ci].calls[k] = *rw;
          if (!test(c)) break;
          p = std::move(c);
          any = true;
        }
        // An unused result binding goes too (it changes nothing when run).
        if (p.children[ci].calls[k].result >= 0) {
          int r = p.children[ci].calls[k].result;
          bool used = false;
          for (const auto& later : p.children[ci].calls)
            for (const auto& a : later.args) used = used || (a.kind == Arg::Kind::ref && a.ref == r);
          if (!used) p.children[ci].calls[k].result = -1;
        }
      }
    }
    return any;
  }

  bool shorten_schedule(Program& p) {
    if (!p.schedule.replay() || p.schedule.choices.empty()) return false;
    Program c = p;
    c.schedule.choices.clear();
    if (test(c)) {
      p = std::move(c);
      return true;
    }
    // The shortest prefix that still reproduces (binary search over lengths).
    size_t lo = 0, hi = p.schedule.choices.size();  // hi reproduces, lo does not
    while (hi - lo > 1 && budget_left()) {
      size_t mid = lo + (hi - lo) / 2;
      Program m = p;
      m.schedule.choices.resize(mid);
      if (test(m))
        hi = mid;
      else
        lo = mid;
    }
    if (hi < p.schedule.choices.size()) {
      p.schedule.choices.resize(hi);
      return true;
    }
    return false;
  }

  MinimizeResult run(const Program& in) {
    MinimizeResult res;
    res.program = in;
    if (!test(in)) {
      res.execs = execs_;
      return res;
    }
    res.reproduced = true;
    Program p = in;
    say(p, "start");
    // Cheap passes that take the most first, arguments call by call last;
    // whenever one makes progress, start again from the first.
    struct Pass {
      const char* name;
      bool (Minimizer::*run)(Program&);
    };
    static constexpr Pass kPasses[] = {
        {"children", &Minimizer::drop_children}, {"schedule", &Minimizer::shorten_schedule},
        {"tails", &Minimizer::keep_tails},         {"numbers", &Minimizer::rewrite_numbers},
        {"calls", &Minimizer::drop_calls},         {"paths", &Minimizer::absolute_paths},
        {"arguments", &Minimizer::simplify_args},
    };
    for (size_t i = 0; i < std::size(kPasses) && budget_left();) {
      bool progress = (this->*kPasses[i].run)(p);
      if (progress) say(p, kPasses[i].name);
      i = progress ? 0 : i + 1;
    }
    // Renumber results rN from 0 in each child, in order.
    for (auto& c : p.children) {
      std::map<int, int> ren;
      int next = 0;
      for (auto& pc : c.calls) {
        for (auto& a : pc.args)
          if (a.kind == Arg::Kind::ref) a.ref = ren[a.ref];
        if (pc.result >= 0) {
          ren[pc.result] = next;
          pc.result = next++;
        }
      }
    }
    res.program = std::move(p);
    res.execs = execs_;
    res.memo_hits = hits_;
    return res;
  }

 private:
  const Predicate& pred_;
  const MinimizeOptions& o_;
  std::map<uint64_t, bool> memo_;  // fnv1a(print(candidate)) -> predicate
  uint64_t execs_ = 0, hits_ = 0;
};

}  // namespace

MinimizeResult minimize(const Program& in, const Predicate& pred, const MinimizeOptions& o) {
  Minimizer m(pred, o);
  return m.run(in);
}

}  // namespace simtrinity::prog
