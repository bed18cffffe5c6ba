#include "fuzzer/prog/program.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "fuzzer/harness/schedulers.h"
#include "simkernel/profiles.h"
#include "simkernel/uapi.h"

namespace simtrinity::prog {

namespace {

std::string format_one(const ArgDesc& d, const Arg& a) {
  if (a.kind == Arg::Kind::ref) return fmt::format("r{}", a.ref);
  if (d.type == ArgType::mode && a.v == 0) return "0";
  if (d.type == ArgType::mode && a.v < 0) return fmt::format("{}", a.v);  // "0{:o}" would print "0-1363"
  return format_arg(d, a.v, a.s);
}

const char* detect_names[] = {"deadlock", "no-runnable", "hung-task", "lockdep", "vfs"};
bool* detect_field(Detect& d, size_t i) {
  bool* f[] = {&d.deadlock, &d.no_runnable, &d.hung_task, &d.lockdep, &d.vfs};
  return f[i];
}

}  // namespace

const std::vector<std::pair<std::string, long>>& constants() {
  static const std::vector<std::pair<std::string, long>> c = [] {
    std::map<std::string, long> m;
    for (const auto& e : syscall_table())
      for (const auto& a : e.args)
        for (const auto& nv : a.values)
          if (nv.name[0] < '0' || nv.name[0] > '9') m[nv.name] = static_cast<long>(nv.value);
#define C(x) m[#x] = static_cast<long>(x)
    C(O_RDONLY); C(O_WRONLY); C(O_RDWR); C(AT_FDCWD); C(AT_REMOVEDIR); C(AT_SYMLINK_NOFOLLOW);
    C(S_IFMT); C(S_IFDIR); C(S_IFREG); C(S_IFLNK); C(S_IFCHR); C(S_IFBLK); C(S_IFIFO); C(S_IFSOCK);
    C(S_ISUID); C(S_ISGID); C(S_ISVTX); C(S_IRWXU); C(S_IRUSR); C(S_IWUSR); C(S_IXUSR);
    C(S_IRWXG); C(S_IRGRP); C(S_IWGRP); C(S_IXGRP); C(S_IRWXO); C(S_IROTH); C(S_IWOTH); C(S_IXOTH);
    C(FIFREEZE); C(FITHAW);
#undef C
    return std::vector<std::pair<std::string, long>>(m.begin(), m.end());
  }();
  return c;
}

sk::WatchdogOptions watchdog_options(const Detect& d) {
  sk::WatchdogOptions w;
  w.wait_for_graph = d.deadlock;
  w.no_runnable = d.no_runnable;
  w.hung_task = d.hung_task;
  w.lockdep = d.lockdep;
  w.vfs_invariants = d.vfs;
  return w;
}

Call resolve_call(const ProgCall& pc, const std::vector<long>& results) {
  Call c;
  c.e = pc.e;
  for (size_t i = 0; i < pc.args.size(); i++) {
    const Arg& a = pc.args[i];
    if (a.kind == Arg::Kind::str)
      c.s[i] = a.s;
    else if (a.kind == Arg::Kind::ref)
      c.v[i] = static_cast<size_t>(a.ref) < results.size() ? results[static_cast<size_t>(a.ref)] : -1;
    else
      c.v[i] = a.v;
  }
  return c;
}

void bind_result(const ProgCall& pc, long ret, std::vector<long>& results) {
  if (pc.result < 0) return;
  if (results.size() <= static_cast<size_t>(pc.result)) results.resize(static_cast<size_t>(pc.result) + 1, -1);
  results[static_cast<size_t>(pc.result)] = ret;
}

std::string print_call(const ProgCall& c) {
  std::string o;
  if (c.result >= 0) o += fmt::format("r{} = ", c.result);
  o += c.e->name;
  o += "(";
  for (size_t i = 0; i < c.args.size(); i++) {
    if (i) o += ", ";
    o += format_one(c.e->args[i], c.args[i]);
  }
  return o + (c.unlisted ? ") (unlisted)" : ")");
}

namespace {
// A header entry as one comment line: a byte the parser refuses in a line
// (a control byte other than tab and CR, DEL), a newline, or a CR it would
// strip at the end (a path from the command line: minimize's input, the run
// line of a finding) is written as \xNN, so the program still parses line
// by line. What the parser itself read (tab, a CR inside the line, any other
// byte) prints as it was, so parse(print(p)) == p holds for every parsed p
// (prog_parser_fuzzer's round trip).
std::string comment_text(const std::string& h) {
  std::string o;
  for (size_t i = 0; i < h.size(); i++) {
    const unsigned char c = static_cast<unsigned char>(h[i]);
    const bool trailing_cr = c == '\r' && h.find_first_not_of('\r', i) == std::string::npos;
    const bool refused = (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f;
    o += refused || trailing_cr ? fmt::format("\\x{:02x}", c) : std::string(1, static_cast<char>(c));
  }
  return o;
}
}  // namespace

std::string print(const Program& p) {
  std::string o;
  for (const auto& h : p.header) o += "#" + comment_text(h) + "\n";
  o += fmt::format("kernel {}\n", p.kernel);
  if (p.detect.all()) {
    o += "detect all\n";
  } else {
    std::string names;
    Detect d = p.detect;
    for (size_t i = 0; i < std::size(detect_names); i++)
      if (*detect_field(d, i)) names += std::string(" ") + detect_names[i];
    o += names.empty() ? "detect none\n" : "detect" + names + "\n";
  }
  o += "schedule " + p.schedule.policy;
  if (p.schedule.replay())
    for (uint32_t c : p.schedule.choices) o += fmt::format(" {}", c);
  else
    for (uint64_t v : p.schedule.params) o += fmt::format(" {}", v);
  o += "\n";
  for (const auto& c : p.children) {
    o += fmt::format("child {}{}\n", c.index, c.new_netns ? " netns=new" : "");
    for (const auto& call : c.calls) o += "  " + print_call(call) + "\n";
  }
  return o;
}

// ---------------------------------------------------------------- parser

namespace {

struct ParseError {
  size_t line, col;
  std::string msg;
};

std::string shown(std::string_view s) {
  std::string o;
  for (unsigned char ch : s.substr(0, 40)) {
    if (ch < 0x20 || ch >= 0x7f)
      o += fmt::format("\\x{:02x}", ch);
    else
      o += static_cast<char>(ch);
  }
  if (s.size() > 40) o += "...";
  return o;
}

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '='; }
bool cident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }

class Parser {
 public:
  explicit Parser(std::string_view text) : t_(text) {}

  Program run() {
    Program p;
    bool seen_kernel = false, seen_detect = false, seen_schedule = false, seen_stmt = false;
    ProgChild* child = nullptr;
    std::vector<std::vector<bool>> bound;  // per child: rN bound so far
    while (pos_ < t_.size() || !at_line_start_done_) {
      at_line_start_done_ = true;
      size_t eol = t_.find('\n', pos_);
      if (eol == std::string_view::npos) eol = t_.size();
      line_start_ = pos_;
      end_ = eol;
      // Check the raw bytes of the line.
      for (size_t i = pos_; i < end_; i++) {
        unsigned char ch = static_cast<unsigned char>(t_[i]);
        if ((ch < 0x20 && ch != '\t' && ch != '\r') || ch == 0x7f) fail_at(i, fmt::format("invalid byte 0x{:02x}", ch));
      }
      skip_ws();
      if (pos_ < end_ && t_[pos_] == '#') {
        if (!seen_stmt) p.header.emplace_back(t_.substr(pos_ + 1, end_ - pos_ - 1));
      } else if (pos_ < end_) {
        seen_stmt = true;
        statement(p, child, bound, seen_kernel, seen_detect, seen_schedule);
      }
      line_++;
      pos_ = eol + 1;
      if (eol >= t_.size()) break;
    }
    // Strip a trailing '\r' from header comments (CRLF files).
    for (auto& h : p.header)
      while (!h.empty() && h.back() == '\r') h.pop_back();
    if (!seen_kernel) throw ParseError{1, 1, "missing 'kernel' line (e.g. 'kernel 3.8')"};
    if (p.children.empty()) throw ParseError{1, 1, "no 'child' block: a program needs at least one child"};
    return p;
  }

  size_t line_ = 1;

 private:
  [[noreturn]] void fail_at(size_t at, std::string msg) { throw ParseError{line_, at - line_start_ + 1, std::move(msg)}; }
  [[noreturn]] void fail(std::string msg) { fail_at(pos_, std::move(msg)); }

  void skip_ws() {
    while (pos_ < end_ && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\r')) pos_++;
  }
  bool at_end() {
    skip_ws();
    return pos_ >= end_ || t_[pos_] == '#';
  }
  void expect_end() {
    if (!at_end()) fail(fmt::format("unexpected '{}'", shown(t_.substr(pos_, word_len()))));
  }
  size_t word_len() {
    size_t n = 0;
    while (pos_ + n < end_ && t_[pos_ + n] != ' ' && t_[pos_ + n] != '\t' && t_[pos_ + n] != '#') n++;
    return n ? n : 1;
  }
  std::string_view word() {
    skip_ws();
    size_t n = 0;
    while (pos_ + n < end_ && ident_char(t_[pos_ + n])) n++;
    auto w = t_.substr(pos_, n);
    pos_ += n;
    return w;
  }
  uint64_t unsigned_number(const char* what) {
    skip_ws();
    size_t at = pos_;
    uint64_t v = 0;
    if (!parse_int(v)) fail_at(at, fmt::format("expected {}", what));
    return v;
  }
  // Decimal, 0x hex or 0 octal; no sign.
  bool parse_int(uint64_t& out) {
    size_t at = pos_;
    if (pos_ >= end_ || t_[pos_] < '0' || t_[pos_] > '9') return false;
    unsigned base = 10;
    if (t_[pos_] == '0' && pos_ + 1 < end_ && (t_[pos_ + 1] == 'x' || t_[pos_ + 1] == 'X')) {
      base = 16;
      pos_ += 2;
    } else if (t_[pos_] == '0') {
      base = 8;
    }
    size_t digits = 0;
    uint64_t v = 0;
    while (pos_ < end_) {
      char c = t_[pos_];
      unsigned d;
      if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
      else break;
      if (d >= base) fail(fmt::format("bad digit '{}' in a base-{} number", c, base));
      if (v > (UINT64_MAX - d) / base) fail_at(at, "number out of range");
      v = v * base + d;
      pos_++;
      digits++;
    }
    if (base == 16 && digits == 0) fail_at(at, "expected hex digits after 0x");
    if (pos_ < end_ && cident_char(t_[pos_])) fail(fmt::format("unexpected '{}' after a number", t_[pos_]));
    out = v;
    return true;
  }

  void statement(Program& p, ProgChild*& child, std::vector<std::vector<bool>>& bound, bool& seen_kernel,
                 bool& seen_detect, bool& seen_schedule) {
    size_t at = pos_;
    // A call: [rN =] name(args)
    size_t n = 0;
    while (pos_ + n < end_ && cident_char(t_[pos_ + n])) n++;
    size_t after = pos_ + n;
    while (after < end_ && (t_[after] == ' ' || t_[after] == '\t')) after++;
    bool is_call = n > 0 && after < end_ && (t_[after] == '(' || t_[after] == '=');
    if (is_call) {
      if (!child) fail_at(at, "a call outside a child block (start one with 'child 0')");
      call(*child, bound.back());
      return;
    }
    std::string_view kw = word();
    if (kw.empty()) fail_at(at, fmt::format("unexpected '{}'", shown(t_.substr(at, word_len()))));
    if (kw == "kernel") {
      if (seen_kernel) fail_at(at, "a second 'kernel' line");
      seen_kernel = true;
      skip_ws();
      size_t wat = pos_;
      std::string_view name = word();
      if (name.empty()) fail_at(wat, "expected a kernel profile after 'kernel'");
      if (!sk::find_profile(name)) fail_at(wat, fmt::format("unknown kernel profile '{}'", shown(name)));
      p.kernel = std::string(name);
      expect_end();
    } else if (kw == "detect") {
      if (seen_detect) fail_at(at, "a second 'detect' line");
      seen_detect = true;
      Detect d;
      for (size_t i = 0; i < std::size(detect_names); i++) *detect_field(d, i) = false;
      bool any = false;
      while (!at_end()) {
        size_t wat = pos_;
        std::string_view w = word();
        if (w.empty()) fail_at(wat, fmt::format("unexpected '{}'", shown(t_.substr(wat, word_len()))));
        any = true;
        if (w == "all") {
          d = Detect{};
        } else if (w == "none") {
        } else {
          size_t i = 0;
          while (i < std::size(detect_names) && w != detect_names[i]) i++;
          if (i == std::size(detect_names))
            fail_at(wat, fmt::format("unknown detector '{}' (all, none, deadlock, no-runnable, hung-task, lockdep, vfs)", shown(w)));
          *detect_field(d, i) = true;
        }
        skip_ws();
        if (pos_ < end_ && t_[pos_] == ',') pos_++;
      }
      if (!any) fail("expected detectors after 'detect' (e.g. 'detect all')");
      p.detect = d;
    } else if (kw == "schedule") {
      if (seen_schedule) fail_at(at, "a second 'schedule' line");
      seen_schedule = true;
      skip_ws();
      size_t wat = pos_;
      std::string_view k = word();
      Schedule s;
      s.policy = std::string(k);
      s.params.clear();
      if (s.replay()) {
        while (!at_end()) {
          size_t cat = pos_;
          uint64_t c = unsigned_number("a task index");
          if (c > 1000000) fail_at(cat, "task index out of range");
          s.choices.push_back(static_cast<uint32_t>(c));
        }
      } else if (const Scheduler* sch = find_scheduler(k)) {
        for (const auto& prm : sch->params) {
          if (at_end()) {
            if (!prm.def) fail(fmt::format("expected a {} after 'schedule {}'", prm.name, sch->name));
            s.params.push_back(*prm.def);
            continue;
          }
          size_t vat = pos_;
          uint64_t v = unsigned_number(fmt::format("a {}", prm.name).c_str());
          if (v < prm.min || v > prm.max) fail_at(vat, fmt::format("{} out of range ({}..{})", prm.name, prm.min, prm.max));
          s.params.push_back(v);
        }
      } else {
        fail_at(wat, fmt::format("unknown schedule '{}' ({}, replay I I ...)", shown(k), scheduler_names()));
      }
      expect_end();
      p.schedule = std::move(s);
    } else if (kw == "child") {
      size_t nat = (skip_ws(), pos_);
      uint64_t idx = unsigned_number("a child index after 'child'");
      if (idx > 63) fail_at(nat, "child index out of range (0..63)");
      for (const auto& c : p.children)
        if (c.index == static_cast<int>(idx)) fail_at(nat, fmt::format("child {} defined twice", idx));
      ProgChild c;
      c.index = static_cast<int>(idx);
      while (!at_end()) {
        size_t oat = pos_;
        std::string_view opt = word();
        if (opt == "netns=new")
          c.new_netns = true;
        else
          fail_at(oat, fmt::format("unknown child option '{}' (netns=new)", shown(t_.substr(oat, std::max<size_t>(opt.size(), 1)))));
      }
      p.children.push_back(std::move(c));
      child = &p.children.back();
      bound.emplace_back();
    } else {
      fail_at(at, fmt::format("unknown keyword '{}'", shown(kw)));
    }
  }

  int rname(size_t at, std::string_view w) {
    if (w.size() < 2 || w[0] != 'r') return -1;
    uint64_t v = 0;
    for (char c : w.substr(1)) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + static_cast<uint64_t>(c - '0');
      if (v > 1000000) fail_at(at, "result number out of range");
    }
    return static_cast<int>(v);
  }

  std::string_view cword() {
    size_t n = 0;
    while (pos_ + n < end_ && cident_char(t_[pos_ + n])) n++;
    auto w = t_.substr(pos_, n);
    pos_ += n;
    return w;
  }

  void call(ProgChild& child, std::vector<bool>& bound) {
    ProgCall c;
    size_t at = pos_;
    std::string_view w = cword();
    skip_ws();
    if (pos_ < end_ && t_[pos_] == '=') {
      int r = rname(at, w);
      if (r < 0) fail_at(at, fmt::format("expected a result name rN before '=', got '{}'", shown(w)));
      c.result = r;
      pos_++;
      skip_ws();
      at = pos_;
      w = cword();
      if (w.empty()) fail(fmt::format("expected a syscall after 'r{} ='", r));
    }
    c.e = find_syscall(w);
    if (!c.e) fail_at(at, fmt::format("unknown syscall '{}'", shown(w)));
    skip_ws();
    if (pos_ >= end_ || t_[pos_] != '(') fail(fmt::format("expected '(' after {}", c.e->name));
    pos_++;
    const auto& descs = c.e->args;
    skip_ws();
    if (pos_ < end_ && t_[pos_] == ')') {
      pos_++;
    } else {
      for (;;) {
        skip_ws();
        size_t aat = pos_;
        if (c.args.size() >= descs.size())
          fail_at(aat, fmt::format("too many arguments: {} takes {}", c.e->name, descs.size()));
        c.args.push_back(arg(descs[c.args.size()], bound));
        skip_ws();
        if (pos_ < end_ && t_[pos_] == ',') {
          pos_++;
          continue;
        }
        if (pos_ < end_ && t_[pos_] == ')') {
          pos_++;
          break;
        }
        if (pos_ >= end_) fail("expected ')' (the line ends inside the call)");
        fail(fmt::format("expected ',' or ')', got '{}'", shown(t_.substr(pos_, 1))));
      }
    }
    if (c.args.size() != descs.size())
      fail_at(pos_ - 1, fmt::format("too few arguments: {} takes {}, got {}", c.e->name, descs.size(), c.args.size()));
    skip_ws();
    if (pos_ < end_ && t_[pos_] == '(') {
      size_t pat = pos_++;
      skip_ws();
      std::string_view prop = cword();
      skip_ws();
      if (prop != "unlisted" || pos_ >= end_ || t_[pos_] != ')')
        fail_at(pat, fmt::format("unknown call property '{}' (unlisted)", shown(t_.substr(pat, end_ - pat))));
      pos_++;
      c.unlisted = true;
    }
    expect_end();
    if (c.result >= 0) {
      if (bound.size() <= static_cast<size_t>(c.result)) bound.resize(static_cast<size_t>(c.result) + 1);
      bound[static_cast<size_t>(c.result)] = true;
    }
    child.calls.push_back(std::move(c));
  }

  std::string string_lit() {
    size_t at = pos_;
    pos_++;  // '"'
    std::string s;
    for (;;) {
      if (pos_ >= end_) fail_at(at, "unterminated string");
      char ch = t_[pos_];
      if (ch == '"') {
        pos_++;
        return s;
      }
      if (ch != '\\') {
        s += ch;
        pos_++;
        continue;
      }
      size_t eat = pos_;
      pos_++;
      if (pos_ >= end_) fail_at(at, "unterminated string");
      char e = t_[pos_++];
      switch (e) {
        case 'n': s += '\n'; break;
        case 't': s += '\t'; break;
        case 'r': s += '\r'; break;
        case '0': s += '\0'; break;
        case '\\': s += '\\'; break;
        case '"': s += '"'; break;
        case '\'': s += '\''; break;
        case 'x': {
          int v = 0, n = 0;
          while (n < 2 && pos_ < end_ && std::isxdigit(static_cast<unsigned char>(t_[pos_]))) {
            char h = t_[pos_++];
            v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            n++;
          }
          if (!n) fail_at(eat, "bad escape '\\x' without hex digits");
          s += static_cast<char>(v);
          break;
        }
        default: fail_at(eat, fmt::format("bad escape '\\{}'", shown(std::string_view(&e, 1))));
      }
    }
  }

  // One integer term: number, -number, or a constant.
  long term() {
    skip_ws();
    size_t at = pos_;
    bool neg = false;
    if (pos_ < end_ && t_[pos_] == '-') {
      neg = true;
      pos_++;
    }
    uint64_t v = 0;
    if (parse_int(v)) return neg ? -static_cast<long>(v) : static_cast<long>(v);
    if (neg) fail_at(at, "expected a number after '-'");
    std::string_view w = cword();
    if (w.empty()) fail_at(at, fmt::format("expected an argument, got '{}'", shown(t_.substr(at, 1))));
    const auto& cs = constants();
    auto it = std::lower_bound(cs.begin(), cs.end(), w, [](const auto& a, std::string_view b) { return a.first < b; });
    if (it == cs.end() || it->first != w) fail_at(at, fmt::format("unknown constant '{}'", shown(w)));
    return it->second;
  }

  Arg arg(const ArgDesc& d, const std::vector<bool>& bound) {
    Arg a;
    size_t at = pos_;
    switch (d.type) {
      case ArgType::pathname:
      case ArgType::newpath:
      case ArgType::string:
        if (pos_ >= end_ || t_[pos_] != '"') fail_at(at, fmt::format("expected a string for {}", d.name));
        a.kind = Arg::Kind::str;
        a.s = string_lit();
        return a;
      case ArgType::buf:
        if (cword() != "buf") fail_at(at, fmt::format("expected 'buf' for {}", d.name));
        return a;
      case ArgType::clone_fn:
        if (cword() != "child_exit") fail_at(at, fmt::format("expected 'child_exit' for {}", d.name));
        return a;
      default: break;
    }
    if (pos_ < end_ && t_[pos_] == 'r' && pos_ + 1 < end_ && t_[pos_ + 1] >= '0' && t_[pos_ + 1] <= '9') {
      std::string_view w = cword();
      int r = rname(at, w);
      if (r < 0) fail_at(at, fmt::format("bad result name '{}'", shown(w)));
      if (static_cast<size_t>(r) >= bound.size() || !bound[static_cast<size_t>(r)])
        fail_at(at, fmt::format("unbound result 'r{}' (no earlier 'r{} = ...' in this child)", r, r));
      a.kind = Arg::Kind::ref;
      a.ref = r;
      return a;
    }
    long v = term();
    for (;;) {
      skip_ws();
      if (pos_ < end_ && t_[pos_] == '|') {
        pos_++;
        v |= term();
      } else {
        break;
      }
    }
    a.v = v;
    return a;
  }

  std::string_view t_;
  size_t pos_ = 0, end_ = 0, line_start_ = 0;
  bool at_line_start_done_ = false;
};

}  // namespace

std::optional<Program> parse(std::string_view text, const std::string& name, std::string& error) {
  Parser ps(text);
  try {
    return ps.run();
  } catch (const ParseError& e) {
    error = fmt::format("{}:{}:{}: {}", name, e.line, e.col, e.msg);
    return std::nullopt;
  }
}

std::string expected_title(const Program& p) {
  for (const auto& h : p.header) {
    for (std::string_view key : {" title: ", " simtrinity finding: "}) {
      if (h.rfind(key, 0) == 0) return h.substr(key.size());
    }
  }
  return {};
}

}  // namespace simtrinity::prog
