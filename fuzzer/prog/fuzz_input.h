// A libFuzzer input as a source for the harness: how simkernel_fuzzer runs
// one input, shared with `repro`, `decode` and `minimize` so a crash file
// replays exactly as it crashed.
//
// Layout: byte 0 chooses the number of children (1 + b % 4), byte 1 which of
// them unshare CLONE_NEWNET (bit i for child i). The rest is split in two
// halves (the front one a byte longer when the count is odd). The front half,
// read from the front, is the children's choices as they run, all children
// together: the syscall (an index into the table without AVOID_SYSCALL
// entries) and then whatever its arguments need, through the same ArgGen as
// `simtrinity run` (a value below n takes 1, 2 or 4 bytes, little-endian; a
// pathname that starts with '"' is taken literally up to the next '"', so
// dictionary tokens like "/proc/1/net/stat" land as whole paths). The back
// half is the scheduling choices, read from the back, one byte each (byte %
// number of runnable tasks). When the front bytes run out the children stop;
// when the back bytes run out the current task keeps running.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fuzzer/generate/rand.h"
#include "fuzzer/harness/harness.h"

namespace simtrinity::prog {

constexpr uint64_t kFuzzMaxCalls = 256;  // per input, all children together
constexpr int kFuzzMaxChildren = 4;

// The plan of an input; `data` must outlive the run.
RunPlan fuzz_input_plan(const uint8_t* data, size_t size, const std::string& kernel);

RunOutcome run_fuzz_input(const uint8_t* data, size_t size, const std::string& kernel, bool record);

// The input that makes the same run again: the children's netns choices (one
// per child, in order), every choice the children drew (DrawLog, from a run
// with RunPlan::draws set and the default pool) and every scheduling choice.
// The run must end on a fatal report within kFuzzMaxCalls listed calls
// (`syscalls`): after its last recorded choice it must not draw again. nullopt
// and `why` when the layout cannot say it (too many children or calls, a
// choice too large for its bytes).
std::optional<std::string> encode_fuzz_input(const std::vector<bool>& netns, const DrawLog& draws,
                                             const std::vector<uint32_t>& choices, uint64_t syscalls,
                                             std::string& why);

}  // namespace simtrinity::prog
