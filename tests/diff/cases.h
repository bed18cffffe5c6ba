// The cases of the differential suite (tests/diff/cases/<syscall>/*.prog):
// a program each, with a header naming the test it was taken from
//   # source: ltp testcases/kernel/syscalls/rename/rename01.c @ <commit>
// and, for calls whose result Linux changed after the program's profile,
//   # changed: N = OUTCOME -- <commit> <subject>
// (N counts every child's calls in order from 1; OUTCOME is what
// prog::call_outcome() prints on the profile's kernel).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "fuzzer/prog/program.h"

namespace difftest {

struct Changed {
  std::string outcome;  // on the profile's kernel
  std::string why;      // the upstream commit and its subject
};

struct Case {
  simtrinity::prog::Program program;
  std::map<size_t, Changed> changed;
  std::string error;  // one line when the case is malformed
};

Case parse_case(const std::string& text, const std::string& name);
Case load_case(const std::string& path);

std::string case_dir();                 // tests/diff/cases in the source tree
std::vector<std::string> case_files();  // relative to case_dir(), sorted

}  // namespace difftest
