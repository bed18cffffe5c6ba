#include "fuzzer/campaign/child_logs.h"

#include <filesystem>

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "fuzzer/child/child.h"

namespace simtrinity {

bool ChildLogs::open(const std::string& dir, int children, std::string& error) {
  try {
    for (int i = 0; i < children; i++) {
      std::string name = fmt::format("trinity-child{}", i);
      auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(
          (std::filesystem::path(dir) / (name + ".log")).string(), true);
      auto l = std::make_shared<spdlog::logger>(name, sink);
      l->set_pattern("%v");
      logs_.push_back(l);
    }
  } catch (const spdlog::spdlog_ex& e) {
    error = e.what();
    return false;
  }
  return true;
}

void ChildLogs::after_call(const CallEvent& e) {
  if (!e.listed || e.child < 0 || static_cast<size_t>(e.child) >= logs_.size()) return;
  logs_[static_cast<size_t>(e.child)]->info("[run {}] {}", e.run, ring_line(e.child, e.pid, e.seq, e.call, e.ret, true));
}

void ChildLogs::flush() {
  for (auto& l : logs_) l->flush();
}

}  // namespace simtrinity
