// `run --shard I/N`: one of N disjoint parts of a campaign, for N machines
// (a CI matrix) that each run one and `simtrinity merge` then joins.
//
// A seeded campaign is a sequence of runs, run r with its own seed derived
// from the campaign seed and r (run.h), so a run does not depend on which
// process runs it. Shard I of N takes the runs whose index r has r % N == I,
// GoogleTest's rule for GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS
// (ShouldRunTestOnShard, googletest/src/gtest.cc): the shards are disjoint,
// their union is the campaign, and each gets every N-th run, so early and
// late runs are spread over all of them.
//
// The campaign's size must then be known without running it, so a sharded
// campaign is given in runs (--runs R), never in syscalls (-N: how many runs
// that takes depends on where deadlocks cut runs short) or seconds (--time);
// and as no shard can know that a run of another shard met a fatal finding,
// a shard runs its whole share (no --stop-on-first). The shards merged are
// then exactly `simtrinity run --runs R` unsharded (which, having a budget,
// does not stop at the first finding either).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simtrinity {

struct RunFlags;

struct Shard {
  uint64_t index = 0, count = 1;

  // The runs of a campaign of `runs` runs that are this shard's.
  uint64_t share(uint64_t runs) const { return runs > index ? (runs - index - 1) / count + 1 : 0; }
  // The campaign run index of this shard's i-th run.
  uint64_t campaign_run(uint64_t i) const { return index + i * count; }
  bool owns(uint64_t run) const { return run % count == index; }
  std::string text() const;  // "I/N"
};

// The shard --shard names (checked by check_run_flags), else 0/1: the whole campaign.
Shard campaign_shard(const RunFlags& f);

// "I/N" with 0 <= I < N (decimal); nullopt with `error` (one line) set.
std::optional<Shard> parse_shard(std::string_view text, std::string& error);

}  // namespace simtrinity
