// trinity-main: the parent of every run's children. It walks the simulated
// tree for the file list, forks one trinity-child<N> per child, then naps in
// one-second steps of virtual time until the children are done. After each
// nap its watchdog notes a child that has made no progress for 30 s (the
// kernel's detectors say why); after an hour it gives up and stops the run
// (with the detectors off, nothing else may end a stuck child).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "fuzzer/child/child.h"

namespace simtrinity {

// The roots of the file list: /proc, /dev, /tmp and the victim.
std::vector<std::string> file_list_roots(const std::string& victim);

// The body of trinity-main's task; fills sh.files before any child runs.
void trinity_main(RunShared& sh, const std::vector<std::unique_ptr<Child>>& children, const std::string& victim);

}  // namespace simtrinity
