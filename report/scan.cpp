#include "report/scan.h"

#include "report/text.h"

namespace simtrinity::report {
namespace {

// Which lock line the previous sentence announced.
enum class Slot { none, acquire, held, takes, changed, freed, release, blocked };
// Which list the following frames or lock lines belong to.
enum class Zone { none, trace, chain, became, list, dentries };

// The first release-shaped token ("3.8.0-simtrinity", "4.12.0-rc3+") of an ident or banner line.
std::string kernel_release(std::string_view line) {
  while (!line.empty()) {
    line = trim_left(line);
    const auto end = std::min(line.find(' '), line.size());
    const auto tok = line.substr(0, end);
    const auto major = span_of(tok, is_digit);
    if (major > 0 && major + 1 < tok.size() && tok[major] == '.' && is_digit(tok[major + 1])) return std::string(tok);
    line.remove_prefix(end);
  }
  return {};
}

// "fn+0x1a/0x2b ...": a name, then its offset.
bool starts_with_offset_frame(std::string_view t) {
  const auto n = span_of(t, is_ident);
  return n > 0 && t.substr(n).starts_with("+0x");
}

// "3 locks held by comm/pid:", the seed's "4 locks on stack by comm/pid:", "no locks held by comm/pid.".
std::optional<TaskRef> held_list_owner(std::string_view t) {
  std::string_view rest;
  if (t.starts_with("no locks held by ")) {
    rest = t.substr(17);
  } else {
    const auto n = span_of(t, is_digit);
    if (n == 0) return std::nullopt;
    t.remove_prefix(n);
    for (std::string_view what : {" locks held by ", " lock held by ", " locks on stack by ", " lock on stack by "})
      if (t.starts_with(what)) rest = t.substr(what.size());
    if (rest.empty()) return std::nullopt;
  }
  if (!rest.empty() && (rest.back() == ':' || rest.back() == '.')) rest.remove_suffix(1);
  return parse_task(rest, '/');
}

// "<comm>/<pid> <verb>...": the task before the first occurrence of `verb`.
std::optional<TaskRef> subject_before(std::string_view t, std::string_view verb) {
  const auto at = t.find(verb);
  if (at == std::string_view::npos) return std::nullopt;
  auto who = trim(t.substr(0, at));
  if (const auto sp = who.rfind(' '); sp != std::string_view::npos) who = who.substr(sp + 1);
  return parse_task(who, '/');
}

std::string between(std::string_view s, std::string_view open, std::string_view close) {
  const auto a = s.find(open);
  if (a == std::string_view::npos) return {};
  const auto rest = s.substr(a + open.size());
  return std::string(rest.substr(0, rest.find(close)));
}

// simtrinity's "<task> is blocked on <lock>, held by <task>" (wording kept lenient).
BlockedOn parse_blocked_on(const TaskRef& task, std::string_view what) {
  BlockedOn b{task, {}, {}};
  if (const auto by = what.rfind(", held by "); by != std::string_view::npos) {
    if (auto h = parse_task(what.substr(by + 10), '/')) b.holder = *h;
    what = what.substr(0, by);
  }
  what = trim(what);
  if (auto l = parse_lock_line(what)) {
    b.lock = *l;
  } else if (what.starts_with("(") && what.find(')') != std::string_view::npos) {
    b.lock.cls = std::string(what.substr(1, what.find(')') - 1));
  } else {
    b.lock.cls = std::string(what);
  }
  return b;
}

class Scanner {
 public:
  explicit Scanner(const RawReport& raw) {
    r_.header = raw.header;
    r_.header_line = raw.lines.empty() ? "" : raw.lines.front();
    r_.capped = raw.capped;
    hung_ = r_.header.kind == Kind::hung || r_.header.kind == Kind::cant_die;
  }
  ScannedReport take() { return std::move(r_); }

  void line(std::string_view t) {
    t = trim(t);
    if (r_.kernel.empty() && (contains(t, "Not tainted") || contains(t, "Tainted:"))) r_.kernel = kernel_release(t);
    if (t.empty()) {
      slot_ = Slot::none;
      if (zone_ == Zone::list || zone_ == Zone::became || zone_ == Zone::dentries) zone_ = Zone::none;
      return;
    }
    // Most lines are frames, and a frame line ("[<pc>] fn+0x..", "fn+0x..") is never
    // a sentence or a lock line: those start with words, '#', '(' or an instance address.
    if (t.starts_with("[<") || starts_with_offset_frame(t))
      if (auto f = parse_frame(t)) return frame(std::move(*f));
    if (sentence(t)) return;
    if (auto l = parse_lock_line(t)) return lock(std::move(*l));
    if (auto f = parse_frame(t)) return frame(std::move(*f));
    if (zone_ == Zone::dentries && t.starts_with("dentry ")) {
      // " dentry ffff88010000fa80: /proc/1/net/dev_snmp6 (new)": the path names the alias.
      if (const auto colon = t.find(": "); colon != std::string_view::npos) r_.dentries.emplace_back(t.substr(colon + 2));
    }
  }

 private:
  void start_trace() {
    if (zone_ == Zone::trace && !r_.traces.empty() && r_.traces.back().frames.empty()) return;
    Trace tr;
    if (!r_.hung_tasks.empty() && !hung_traced_) {
      tr.task = r_.hung_tasks.back();
      hung_traced_ = true;
    }
    r_.traces.push_back(std::move(tr));
    zone_ = Zone::trace;
  }

  void expect(Slot s, std::string_view t, std::string_view verb) {
    slot_ = s;
    zone_ = Zone::none;
    if (r_.subject.empty())
      if (auto who = subject_before(t, verb)) r_.subject = *who;
  }

  // Sentences that open a section; true when t was one.
  bool sentence(std::string_view t) {
    if (const auto at = hung_ ? t.find("INFO: task ") : std::string_view::npos; at != std::string_view::npos) {
      auto rest = t.substr(at + 11);
      if (auto task = parse_task(rest.substr(0, rest.find(' ')), ':')) {
        r_.hung_tasks.push_back(*task);
        hung_traced_ = false;
        zone_ = Zone::none;
        return true;
      }
    }
    if (t.starts_with("Call Trace:") || t == "stack backtrace:") {
      start_trace();
      return true;
    }
    if (t.starts_with("-> #")) {
      const auto sp = t.find(' ', 4);
      r_.chain.push_back({sp == std::string_view::npos ? "" : parse_class_token(trim(t.substr(sp))).value_or(""), {}});
      zone_ = Zone::chain;
      return true;
    }
    if (auto owner = held_list_owner(t)) {
      r_.held_lists.push_back({*owner, {}});
      zone_ = t.starts_with("no locks") ? Zone::none : Zone::list;
      slot_ = Slot::none;
      return true;
    }
    if (contains(t, "the existing dependency chain")) r_.saw_chain_header = true;
    else if (contains(t, "is trying to acquire")) expect(Slot::acquire, t, " is trying");
    else if (t.starts_with("but task is already holding lock") ||
             t.starts_with("but task already holds the same instance"))
      expect(Slot::held, t, "but");
    else if (t.ends_with("takes:")) expect(Slot::takes, t, " [");
    else if (contains(t, "just changed the state of lock")) expect(Slot::changed, t, " just");
    else if (contains(t, "is freeing memory")) expect(Slot::freed, t, " is freeing");
    else if (contains(t, "is trying to release lock (")) {
      expect(Slot::release, t, " is trying");
      r_.release_map = between(t, "release lock (", ")");
    } else if (contains(t, "is leaving the kernel with locks still held")) expect(Slot::none, t, " is leaving");
    else if (contains(t, "still has locks held!")) expect(Slot::none, t.substr(t.find(':') + 1), " still");
    else if (contains(t, "is blocked on a lock it already holds")) expect(Slot::blocked, t, " is blocked");
    else if (contains(t, " is blocked on ") && !t.starts_with("INFO:")) blocked_on(t);
    else if (t.starts_with("held by ") && t.ends_with(":")) held_by(t);
    else if (contains(t, "which became")) zone_ = Zone::became;
    else if (t.starts_with("inconsistent {")) {
      r_.usage_transition = between(t, "{", "}") + "->" + between(t, "-> {", "}");
    } else if (t.starts_with("directory inode ") && contains(t, " gets dentry #")) {
      // "directory inode 4026531859 on proc (ffff88010000fb40) gets dentry #2:"
      r_.fs_type = between(t, " on ", " (");
      zone_ = Zone::dentries;
    } else if (contains(t, "state was registered at") || t.starts_with("other info that might help")) {
      zone_ = Zone::none;
    } else {
      return false;
    }
    return true;
  }

  void blocked_on(std::string_view t) {
    const auto at = t.find(" is blocked on ");
    auto who = subject_before(t, " is blocked on ");
    if (!who) return;
    if (r_.subject.empty()) r_.subject = *who;
    const auto what = trim(t.substr(at + 15));
    if (what.empty() || what == ":" || what == "lock:") {
      // The watchdog's two-line form: the lock follows, then "held by ...:".
      blocked_who_ = *who;
      slot_ = Slot::blocked;
      return;
    }
    r_.blocked.push_back(parse_blocked_on(*who, what));
  }

  // "held by <comm>/<pid>[ itself]:" names the holder of the lock just listed.
  void held_by(std::string_view t) {
    auto name = t.substr(8, t.size() - 9);
    if (name.ends_with(" itself")) name.remove_suffix(7);
    auto holder = parse_task(trim(name), '/');
    if (holder && !r_.blocked.empty()) r_.blocked.back().holder = *holder;
    slot_ = Slot::none;
  }

  void lock(LockLine l) {
    std::optional<LockLine>* dst = nullptr;
    switch (slot_) {
      case Slot::acquire: dst = &r_.acquire; break;
      case Slot::held: dst = &r_.held; break;
      case Slot::takes: dst = &r_.takes; break;
      case Slot::changed: dst = &r_.changed; break;
      case Slot::freed: dst = &r_.freed; break;
      case Slot::blocked: {
        const TaskRef who = blocked_who_ ? *blocked_who_ : r_.subject;
        r_.blocked.push_back({who, l, who});
        blocked_who_.reset();
        slot_ = Slot::none;
        return;
      }
      case Slot::release:
      case Slot::none: break;
    }
    if (dst) {
      // syzbot prints one copy per inlined level; the last one, with an offset, names the function.
      *dst = std::move(l);
      if ((*dst)->at_has_offset) slot_ = Slot::none;
      return;
    }
    if (zone_ != Zone::list || r_.held_lists.empty()) return;
    auto& locks = r_.held_lists.back().locks;
    if (!locks.empty() && l.index >= 0 && locks.back().index == l.index) {
      if (!locks.back().at_has_offset && l.at_has_offset) locks.back() = std::move(l);
      return;
    }
    locks.push_back(std::move(l));
  }

  void frame(Frame f) {
    if (slot_ == Slot::release) {
      r_.release_at = std::move(f);
      slot_ = Slot::none;
      return;
    }
    if (f.fn.starts_with("should_fail")) r_.should_fail = true;
    switch (zone_) {
      case Zone::trace: r_.traces.back().frames.push_back(std::move(f)); break;
      case Zone::chain: r_.chain.back().frames.push_back(std::move(f)); break;
      case Zone::became: r_.became_frames.push_back(std::move(f)); break;
      default: break;
    }
  }

  ScannedReport r_;
  Slot slot_ = Slot::none;
  std::optional<TaskRef> blocked_who_;  // the waiter of a two-line "is blocked on lock:"
  Zone zone_ = Zone::none;
  bool hung_traced_ = false;
  bool hung_ = false;  // a hung-task report: its "INFO: task" lines name more hung tasks
};

}  // namespace

std::vector<std::string> title_frames(const std::vector<Frame>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames)
    if (f.reliable && f.has_offset) out.push_back(f.fn);
  return out;
}

ScannedReport scan_report(const RawReport& raw) {
  Scanner s(raw);
  for (const auto& l : raw.lines) s.line(l);
  return s.take();
}

}  // namespace simtrinity::report
