// simtrinity's version: project(VERSION) in CMakeLists.txt, compiled into
// version.cpp alone (so a new version rebuilds one file).
#pragma once
#include <string_view>

namespace simtrinity::util {

extern const std::string_view kVersion;

}  // namespace simtrinity::util
