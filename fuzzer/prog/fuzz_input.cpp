#include "fuzzer/prog/fuzz_input.h"

#include <fmt/format.h>

#include "simkernel/sched/sched_policy.h"

namespace simtrinity::prog {

namespace {

constexpr size_t kHeaderBytes = 2;  // children, netns mask
constexpr uint8_t kQuote = '"';

// How many bytes a choice below n takes.
size_t width_of(uint64_t n) { return n <= 0x100 ? 1 : n <= 0x10000 ? 2 : 4; }

// Where the front half ends, for an input of `size` bytes.
size_t split_of(size_t size) {
  size_t body = std::min(size, kHeaderBytes);
  return body + (size - body + 1) / 2;
}

// The front of the input: the children's choices.
class ByteRand final : public Rand {
 public:
  ByteRand(const uint8_t* d, size_t begin, size_t end) : d_(d), pos_(begin), end_(end) {}
  uint64_t below(uint64_t n) override {
    if (n <= 1) return 0;
    size_t want = width_of(n);
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
    if (pos_ >= end_ || d_[pos_] != kQuote) return false;
    size_t p = pos_ + 1;
    while (p < end_ && d_[p] != kQuote) p++;
    out.assign(reinterpret_cast<const char*>(d_ + pos_ + 1), p - pos_ - 1);
    pos_ = p < end_ ? p + 1 : p;
    return true;
  }
  bool exhausted() const override { return out_ || pos_ >= end_; }

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

RunPlan fuzz_input_plan(const uint8_t* data, size_t size, const std::string& kernel) {
  RunPlan plan;
  plan.kernel = kernel;
  int nchildren = size > 0 ? 1 + data[0] % kFuzzMaxChildren : 1;
  unsigned netns_mask = size > 1 ? data[1] : 0;
  size_t split = split_of(size);
  auto src = std::make_shared<ByteRand>(data, std::min(size, kHeaderBytes), split);
  for (int i = 0; i < nchildren; i++) {
    ChildPlan c;
    c.index = i;
    c.new_netns = (netns_mask >> i) & 1;
    c.rand = src;  // one stream for all children, in the order they draw
    plan.children.push_back(std::move(c));
  }
  plan.policy = std::make_unique<BytePolicy>(data, split, size);
  plan.pool = default_pool();
  plan.budget = kFuzzMaxCalls;
  return plan;
}

RunOutcome run_fuzz_input(const uint8_t* data, size_t size, const std::string& kernel, bool record) {
  RunPlan plan = fuzz_input_plan(data, size, kernel);
  plan.record = record;
  return run_harness(std::move(plan));
}

std::optional<std::string> encode_fuzz_input(const std::vector<bool>& netns, const DrawLog& draws,
                                             const std::vector<uint32_t>& choices, uint64_t syscalls,
                                             std::string& why) {
  if (netns.empty() || netns.size() > static_cast<size_t>(kFuzzMaxChildren)) {
    why = fmt::format("{} children (a libFuzzer input has 1 to {})", netns.size(), kFuzzMaxChildren);
    return std::nullopt;
  }
  if (syscalls > kFuzzMaxCalls) {
    why = fmt::format("{} calls (a libFuzzer input makes at most {})", syscalls, kFuzzMaxCalls);
    return std::nullopt;
  }
  std::string front;
  bool after_query = false;  // the next byte must not open a literal
  for (const Draw& d : draws) {
    if (d.kind == Draw::Kind::literal_query) {
      after_query = true;
      continue;
    }
    size_t w = width_of(d.n);
    const uint64_t limit = uint64_t{1} << (8 * w);  // w <= 4
    std::optional<uint64_t> word;
    for (uint64_t x = d.v; x < limit; x += d.n) {  // every w-byte value that reads back as v
      if (!after_query || (x & 0xff) != kQuote) {
        word = x;
        break;
      }
    }
    if (!word) {
      why = fmt::format("a choice of {} below {} has no {}-byte form", d.v, d.n, w);
      return std::nullopt;
    }
    for (size_t i = 0; i < w; i++) front += static_cast<char>((*word >> (8 * i)) & 0xff);
    after_query = false;
  }
  std::string back;
  for (auto it = choices.rbegin(); it != choices.rend(); ++it) {
    if (*it > 0xff) {
      why = fmt::format("a scheduling choice of task {} (one byte holds 0..255)", *it);
      return std::nullopt;
    }
    back += static_cast<char>(*it);
  }
  // Both halves as long as each other; the front one at least a byte past
  // the last choice, so the children never see their stream run out.
  size_t half = std::max(front.size() + 1, back.size());
  front.resize(half, '\0');
  back.insert(back.begin(), half - back.size(), '\0');
  unsigned mask = 0;
  for (size_t i = 0; i < netns.size(); i++) mask |= (netns[i] ? 1u : 0u) << i;
  std::string in;
  in += static_cast<char>(netns.size() - 1);
  in += static_cast<char>(mask);
  return in + front + back;
}

}  // namespace simtrinity::prog
