#include "fuzzer/campaign/child_logs.h"

#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include "fuzzer/child/child.h"

namespace simtrinity {

namespace {

// The older file the rotating sink keeps: trinity-child<N>.1.log.
constexpr size_t kOlderFiles = 1;

struct OpenCall {
  uint64_t run, seq;
};

}  // namespace

// One child's file. The sink is single-threaded: `mu` orders every write
// and `open`/`size` with it.
struct ChildLogs::Log {
  std::mutex mu;
  std::shared_ptr<spdlog::logger> logger;
  uint64_t max_bytes = 0;
  // What the sink has written to the current file, counted as it counts
  // (rotating_file_sink::sink_it_ rotates before a message that would take
  // the file past max_bytes): so a result that would land at the top of a
  // new file is written with its call, as a whole line.
  uint64_t size = 0;
  std::optional<OpenCall> open;  // the call whose line has no result yet

  void write(const std::string& text) {
    size = size + text.size() > max_bytes ? text.size() : size + text.size();
    logger->info(text);
  }
  // A newline that would itself rotate is left out: the next write starts
  // the new file.
  void end_open_line() {
    if (open && size + 1 <= max_bytes) write("\n");
    open.reset();
  }
};

ChildLogs::ChildLogs() = default;
ChildLogs::~ChildLogs() = default;

bool ChildLogs::open(const std::string& dir, int children, uint64_t max_bytes, std::string& error) {
  try {
    for (int i = 0; i < children; i++) {
      const std::string name = fmt::format("trinity-child{}", i);
      const auto path = std::filesystem::path(dir) / (name + ".log");
      std::error_code ec;
      for (const auto& old : {path, std::filesystem::path(dir) / (name + ".1.log")}) std::filesystem::remove(old, ec);
      auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_st>(path.string(), max_bytes, kOlderFiles);
      // No end of line of its own: a call's line is ended by its result.
      sink->set_formatter(std::make_unique<spdlog::pattern_formatter>("%v", spdlog::pattern_time_type::local, ""));
      auto log = std::make_unique<Log>();
      log->logger = std::make_shared<spdlog::logger>(name, sink);
      log->max_bytes = max_bytes;
      logs_.push_back(std::move(log));
    }
  } catch (const spdlog::spdlog_ex& e) {
    error = e.what();
    return false;
  }
  return true;
}

ChildLogs::Log* ChildLogs::log_of(const CallEvent& e) {
  if (!e.listed || e.child < 0 || static_cast<size_t>(e.child) >= logs_.size()) return nullptr;
  return logs_[static_cast<size_t>(e.child)].get();
}

void ChildLogs::before_call(const CallEvent& e) {
  Log* l = log_of(e);
  if (!l) return;
  std::lock_guard<std::mutex> g(l->mu);
  l->end_open_line();
  l->write(fmt::format("[run {}] {}{}", e.run, ring_who(e.child, e.pid, e.seq), format_call(e.call)));
  l->open = OpenCall{e.run, e.seq};
}

void ChildLogs::after_call(const CallEvent& e) {
  Log* l = log_of(e);
  if (!l) return;
  std::lock_guard<std::mutex> g(l->mu);
  const std::string result = format_result(e.ret, true) + "\n";
  const bool ours = l->open && l->open->run == e.run && l->open->seq == e.seq;
  const std::string who = fmt::format("[run {}] {}", e.run, ring_who(e.child, e.pid, e.seq));
  if (ours && l->size + result.size() <= l->max_bytes)
    l->write(result);
  else if (ours)  // the result would open a new file: the whole line goes there
    l->write(who + format_call(e.call) + result);
  else {
    l->end_open_line();
    l->write(fmt::format("{}<... {} resumed>{}", who, e.call.e->name, result));
  }
  l->open.reset();
}

void ChildLogs::flush() {
  for (auto& l : logs_) {
    std::lock_guard<std::mutex> g(l->mu);
    l->logger->flush();
  }
}

}  // namespace simtrinity
