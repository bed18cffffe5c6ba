// How simkernel_fuzzer runs one libFuzzer input, shared with `repro` and
// `decode` so a crash file replays exactly as it crashed.
//
// Layout: byte 0 chooses the number of children (1 + b % 4), byte 1 which of
// them unshare CLONE_NEWNET (bit i for child i). The following bytes, read
// from the front, are the children's choices as they run: the syscall (an
// index into the table without AVOID_SYSCALL entries) and then whatever its
// arguments need, through the same ArgGen as `simtrinity run` (a value below
// n takes 1, 2 or 4 bytes; a pathname that starts with '"' is taken literally
// up to the next '"', so dictionary tokens like "/proc/1/net/stat" land as
// whole paths). Scheduling choices are read from the back, one byte each
// (byte % number of runnable tasks). When the front bytes run out the
// children stop; when the back bytes run out the current task keeps running.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzzer/prog/exec.h"
#include "fuzzer/prog/program.h"

namespace simtrinity::prog {

constexpr uint64_t kFuzzMaxCalls = 256;  // per input, all children together

struct FuzzRun {
  ExecResult result;
  Program program;  // when recorded: the calls made and the schedule taken
};

FuzzRun run_fuzz_input(const uint8_t* data, size_t size, const std::string& kernel, bool record);

}  // namespace simtrinity::prog
