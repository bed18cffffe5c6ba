#include "fuzzer/child/child.h"

#include <fmt/format.h>

#include "fuzzer/prog/program.h"
#include "simkernel/kernel.h"

namespace simtrinity {

namespace {
constexpr size_t kMaxPoolFds = 32;  // past this, the oldest fd of the pool is closed
}  // namespace

void add_stats(SysStats& into, const SysStats& from) {
  for (size_t s = 0; s < into.size(); s++) {
    into[s].calls += from[s].calls;
    into[s].ok += from[s].ok;
    for (size_t e = 0; e < into[s].errnos.size(); e++) into[s].errnos[e] += from[s].errnos[e];
  }
}

std::string ring_who(int child, int pid, uint64_t seq) { return fmt::format("[child{}:{}] [{}] ", child, pid, seq); }

std::string ring_line(int child, int pid, uint64_t seq, const Call& c, long ret, bool done) {
  return ring_who(child, pid, seq) + format_call(c) + format_result(ret, done);
}

std::vector<std::string> start_fds(const std::string& victim) {
  return {"/proc/self/net/stat", "/proc/1/net", "/tmp", victim, "/dev/null", "/proc/self/ns/net"};
}

Child::Child(int index, bool new_netns, Rand* rand) : index_(index), new_netns_(new_netns), rand_(rand) {}

Child::Child(int index, bool new_netns, const prog::ProgChild* calls)
    : index_(index), new_netns_(new_netns), calls_(calls) {}

long Child::make_call(RunShared& sh, const Call& c, bool listed) {
  const Call* made = &c;
  RingEntry* slot = nullptr;
  if (listed) {
    slot = &ring_[seq_ % kRing];
    slot->seq = seq_;
    slot->done = false;
    if (&slot->call != &c) slot->call = c;
    made = &slot->call;
    sh.made++;
    seq_++;
  }
  sh.all_calls++;
  CallEvent ev{sh.run_index, index_, pid_, listed ? slot->seq : seq_, listed, *made, 0};
  for (auto* o : sh.observers) o->before_call(ev);
  long ret = invoke(sh.k, *made, buf_);
  ev.ret = ret;
  ev.buf = buf_;
  for (auto* o : sh.observers) o->after_call(ev);
  if (listed) {
    slot->ret = ret;
    slot->done = true;
    SysCounts& sc = sh.stats[static_cast<size_t>(made->e->nr)];
    sc.calls++;
    if (ret >= 0)
      sc.ok++;
    else
      sc.errnos[std::min<long>(-ret, kErrnoMax)]++;
  }
  return ret;
}

void Child::run(RunShared& sh) {
  pid_ = sk::current_task()->pid;
  if (new_netns_) sh.k.sys_unshare(CLONE_NEWNET);
  if (calls_)
    replay(sh);
  else
    fuzz(sh);
  finished_ = true;
  sh.live_children--;
}

void Child::fuzz(RunShared& sh) {
  sk::Kernel& k = sh.k;
  for (const auto& p : sh.start_fds) {
    Call open_call;
    open_call.e = find_syscall("open");
    open_call.s[0] = p;
    open_call.v[1] = O_RDONLY;
    long fd = make_call(sh, open_call, false);
    if (fd >= 0) fds_.add(static_cast<int>(fd));
  }
  const auto& pool = sh.pool;
  while (sh.made < sh.budget && !k.stop_requested() && !rand_->exhausted() && !sh.interrupted()) {
    const SyscallEntry* e = pool[rand_->below(pool.size())];
    // Generated straight into the ring slot the call will occupy.
    Call& c = ring_[seq_ % kRing].call;
    c.e = e;
    ArgGen gen(*rand_, sh.files, sh.names, sh.names_reuse, fds_);
    gen.generate(c);
    long ret = make_call(sh, c, true);
    if (ret >= 0 && sh.names_reuse)  // with no reuse the pool is never drawn from
      for (size_t i = 0; i < e->args.size(); i++)
        if (e->args[i].type == ArgType::pathname || e->args[i].type == ArgType::newpath) sh.names.add(c.s[i]);
    if (ret >= 0 && e->ret == RetKind::fd) {
      fds_.add(static_cast<int>(ret));
      if (fds_.size() > kMaxPoolFds) {
        int old = fds_.oldest();
        fds_.remove(old);
        Call close_call;
        close_call.e = find_syscall("close");
        close_call.v[0] = old;
        make_call(sh, close_call, false);
      }
    } else if (e->nr == Sys::close && ret == 0) {
      fds_.remove(static_cast<int>(c.v[0]));
    } else if (e->nr == Sys::ioctl && ret == 0 && static_cast<unsigned>(c.v[1]) == FIFREEZE) {
      // Trinity's sanitise/post step: never leave the victim fs frozen.
      Call thaw = c;
      thaw.v[1] = static_cast<long>(FITHAW);
      thaw.v[2] = 0;
      make_call(sh, thaw, true);
    } else if (e->nr == Sys::mount && ret == 0 && (c.v[3] & MS_REMOUNT) && (c.v[3] & MS_RDONLY)) {
      // Likewise never leave a filesystem read-only: Trinity does not run
      // as root (trinity.c refuses without --dangerous; later Trinity drops
      // NEEDS_ROOT syscalls), so its mounts fail and its test area stays
      // writable. A read-only remount is undone by the same remount
      // without MS_RDONLY, as the thaw above undoes a freeze.
      Call rw = c;
      rw.v[3] = c.v[3] & ~static_cast<long>(MS_RDONLY);
      make_call(sh, rw, true);
    }
  }
}

void Child::replay(RunShared& sh) {
  std::vector<long> results;  // rN -> what the call binding it returned
  for (const prog::ProgCall& pc : calls_->calls) {
    if (sh.k.stop_requested()) break;
    long ret = make_call(sh, prog::resolve_call(pc, results), !pc.unlisted);
    prog::bind_result(pc, ret, results);
  }
}

std::string Child::format_ring() const {
  std::string o;
  uint64_t first = seq_ > kRing ? seq_ - kRing : 0;
  for (uint64_t s = first; s < seq_; s++) {
    const RingEntry& r = ring_[s % kRing];
    o += ring_line(index_, pid_, r.seq, r.call, r.ret, r.done);
    o += '\n';
  }
  return o;
}

}  // namespace simtrinity
