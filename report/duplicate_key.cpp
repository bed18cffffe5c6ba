#include "report/duplicate_key.h"

#include "report/text.h"

namespace simtrinity::report {
namespace {

class Key {
 public:
  Key& operator<<(std::string_view s) {
    h_ = fnv1a(s, fnv1a("\x1f", h_));
    return *this;
  }
  Key& operator<<(const TaskRef& t) { return *this << t.comm << t.pid; }
  Key& operator<<(const LockLine& l) { return *this << l.cls << l.instance << l.at << l.state; }
  Key& operator<<(const std::optional<LockLine>& l) { return l ? *this << *l : *this << "-"; }
  Key& operator<<(const std::vector<Frame>& frames) {
    for (const auto& f : frames) *this << f.fn;
    return *this << "|";
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = fnv1a("");
};

}  // namespace

std::uint64_t duplicate_key(const ScannedReport& r) {
  Key k;
  k << r.header_line << r.kernel << r.subject << r.acquire << r.held << r.takes << r.changed << r.freed
    << r.release_map;
  for (const auto& t : r.hung_tasks) k << t;
  for (const auto& e : r.chain) k << e.cls << e.frames;
  for (const auto& t : r.traces) k << t.frames;
  for (const auto& list : r.held_lists) {
    k << list.task;
    for (const auto& l : list.locks) k << l;
  }
  for (const auto& b : r.blocked) k << b.task << b.lock << b.holder;
  for (const auto& d : r.dentries) k << d;
  return k.value();
}

}  // namespace simtrinity::report
