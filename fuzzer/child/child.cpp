#include "fuzzer/child/child.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "fuzzer/prog/recorder.h"
#include "simkernel/kernel.h"

namespace simtrinity {

Child::Child(int index, uint64_t seed, bool new_netns, std::shared_ptr<spdlog::logger> log)
    : index_(index), new_netns_(new_netns), rng_(seed), log_(std::move(log)) {}

long Child::do_call(RunShared& sh, const SyscallEntry* e, const Call* fixed) {
  RingEntry& slot = ring_[seq_ % kRing];
  slot.seq = seq_;
  slot.done = false;
  if (fixed) {
    slot.call = *fixed;
  } else {
    slot.call.e = e;
    ArgGen gen(*src_, sh.files, fds_);
    gen.generate(slot.call);
  }
  sh.made++;
  seq_++;
  if (rec_) rec_->before(slot.call);
  long ret = invoke(sh.k, slot.call, buf_);
  if (rec_) rec_->after(ret);
  slot.ret = ret;
  slot.done = true;
  SysCounts& sc = sh.stats[static_cast<size_t>(e->nr)];
  sc.calls++;
  if (ret >= 0)
    sc.ok++;
  else
    sc.errnos[std::min<long>(-ret, kErrnoMax)]++;
  if (log_)
    log_->info("[run {}] [child{}:{}] [{}] {}{}", sh.run_index, index_, pid_, slot.seq, format_call(slot.call), format_result(ret, true));
  return ret;
}

void Child::loop(RunShared& sh) {
  sk::Kernel& k = sh.k;
  pid_ = sk::current_task()->pid;
  if (new_netns_) k.sys_unshare(CLONE_NEWNET);
  for (const auto& p : sh.start_fds) {
    if (rec_) {
      Call open_call;
      open_call.e = find_syscall("open");
      open_call.s[0] = p;
      open_call.v[1] = O_RDONLY;
      rec_->before(open_call);
    }
    long fd = k.sys_open(p.c_str(), O_RDONLY);
    if (rec_) rec_->after(fd);
    if (fd >= 0) fds_.add(static_cast<int>(fd));
  }
  const auto& pool = sh.pool;
  while (sh.made < sh.budget && !k.stop_requested() && !src_->exhausted()) {
    const SyscallEntry* e = pool[src_->below(pool.size())];
    long ret = do_call(sh, e, nullptr);
    const Call& c = ring_[(seq_ - 1) % kRing].call;
    if (ret >= 0 && e->ret == RetKind::fd) {
      fds_.add(static_cast<int>(ret));
      if (fds_.size() > 32) {
        int old = fds_.oldest();
        fds_.remove(old);
        if (rec_) {
          Call close_call;
          close_call.e = find_syscall("close");
          close_call.v[0] = old;
          rec_->before(close_call);
        }
        long cr = k.sys_close(old);
        if (rec_) rec_->after(cr);
      }
    } else if (e->nr == Sys::close && ret == 0) {
      fds_.remove(static_cast<int>(c.v[0]));
    } else if (e->nr == Sys::ioctl && ret == 0 && static_cast<unsigned>(c.v[1]) == FIFREEZE) {
      // Trinity's sanitise/post step: never leave the victim fs frozen.
      Call thaw = c;
      thaw.v[1] = static_cast<long>(FITHAW);
      thaw.v[2] = 0;
      do_call(sh, thaw.e, &thaw);
    }
  }
  finished_ = true;
  sh.live_children--;
}

std::string Child::format_ring() const {
  std::string o;
  uint64_t first = seq_ > kRing ? seq_ - kRing : 0;
  for (uint64_t s = first; s < seq_; s++) {
    const RingEntry& r = ring_[s % kRing];
    o += fmt::format("[child{}:{}] [{}] {}{}\n", index_, pid_, r.seq, format_call(r.call), format_result(r.ret, r.done));
  }
  return o;
}

}  // namespace simtrinity
