#include "fuzzer/prog/fuzz_input.h"

#include <memory>

#include <fmt/format.h>

#include "fuzzer/child/child.h"
#include "fuzzer/child/trinity_main.h"
#include "fuzzer/generate/file_list.h"
#include "fuzzer/generate/rand.h"
#include "fuzzer/prog/recorder.h"
#include "simkernel/kernel.h"
#include "simkernel/sched/sched_policy.h"

namespace simtrinity::prog {

namespace {

// The front of the input: the children's choices.
class ByteRand final : public Rand {
 public:
  ByteRand(const uint8_t* d, size_t begin, size_t end) : d_(d), pos_(begin), end_(end) {}
  uint64_t below(uint64_t n) override {
    if (n <= 1) return 0;
    size_t want = n <= 0x100 ? 1 : n <= 0x10000 ? 2 : 4;
    uint64_t v = 0;
    for (size_t i = 0; i < want; i++) {
      if (pos_ >= end_) {
        out_ = true;
        break;
      }
      v |= static_cast<uint64_t>(d_[pos_++]) << (8 * i);
    }
    return v % n;
  }
  bool literal(std::string& out) override {
    if (pos_ >= end_ || d_[pos_] != '"') return false;
    size_t p = pos_ + 1;
    while (p < end_ && d_[p] != '"') p++;
    out.assign(reinterpret_cast<const char*>(d_ + pos_ + 1), p - pos_ - 1);
    pos_ = p < end_ ? p + 1 : p;
    return true;
  }
  bool exhausted() const override { return out_ || pos_ >= end_; }
  size_t pos() const { return pos_; }
  void shrink_end(size_t e) { end_ = e; }

 private:
  const uint8_t* d_;
  size_t pos_, end_;
  bool out_ = false;
};

// The back of the input: scheduling choices, one byte each.
class BytePolicy final : public sk::SchedPolicy {
 public:
  BytePolicy(const uint8_t* d, size_t begin, size_t end) : d_(d), begin_(begin), end_(end) {}
  size_t pick(std::span<sk::task_struct* const> runnable, const sk::task_struct* current) override {
    if (end_ > begin_) return d_[--end_] % runnable.size();
    for (size_t i = 0; i < runnable.size(); i++)
      if (runnable[i] == current) return i;
    return 0;
  }
  std::string name() const override { return "bytes"; }

 private:
  const uint8_t* d_;
  size_t begin_, end_;
};

}  // namespace

FuzzRun run_fuzz_input(const uint8_t* data, size_t size, const std::string& kernel, bool record) {
  FuzzRun out;
  out.result.kernel = kernel;
  int nchildren = size > 0 ? 1 + data[0] % 4 : 1;
  unsigned netns_mask = size > 1 ? data[1] : 0;
  size_t body = std::min<size_t>(size, 2);
  // Front half for calls, back half for the schedule.
  size_t split = body + (size - body + 1) / 2;
  ByteRand src(data, body, split);
  std::vector<const SyscallEntry*> pool;
  for (const auto& e : syscall_table())
    if (!e.avoid) pool.push_back(&e);

  std::vector<std::unique_ptr<Child>> children;
  std::vector<std::unique_ptr<ChildRecorder>> recorders;
  for (int i = 0; i < nchildren; i++) {
    bool netns = (netns_mask >> i) & 1;
    children.push_back(std::make_unique<Child>(i, 0, netns));
    children.back()->set_source(&src);
    if (record) {
      recorders.push_back(std::make_unique<ChildRecorder>(i, netns));
      children.back()->set_recorder(recorders.back().get());
    }
  }
  sk::KernelOptions ko;
  ko.profile = kernel;
  auto bp = std::make_unique<BytePolicy>(data, split, size);
  auto rp = std::make_unique<sk::RecordingPolicy>(std::move(bp));
  sk::RecordingPolicy* recording = rp.get();
  ko.policy = std::move(rp);
  auto k = std::make_unique<sk::Kernel>(std::move(ko));

  RunShared sh{*k, {}, {}, 0, 0, 0, {}, {}, 0, {}};
  sh.pool = pool;
  sh.budget = kFuzzMaxCalls;
  const std::string victim = "/victim";
  sh.start_fds = {"/proc/self/net/stat", "/proc/1/net", "/tmp", victim, "/dev/null", "/proc/self/ns/net"};
  k->set_report_handler([&](const sk::Report& r) { out.result.reports.push_back(r); });
  k->spawn("trinity-main", [&] {
    std::vector<ChildBody> bodies = child_loops(children, sh);
    trinity_main(*k, file_list_roots(victim), &sh.files, std::move(bodies), [&] { return sh.live_children == 0; });
  });
  k->run();
  for (const auto& c : children) out.result.rings += c->format_ring();
  out.result.calls = sh.made;
  if (record) {
    std::vector<ProgChild> pcs;
    for (const auto& r : recorders) pcs.push_back(r->child());
    out.program = make_program(kernel, std::move(pcs), recording->choices(), {});
  }
  k.reset();  // every fiber finishes here, while the children still exist
  return out;
}

}  // namespace simtrinity::prog
