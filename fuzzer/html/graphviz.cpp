#include "fuzzer/html/graphviz.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace simtrinity::html {
namespace {

// A lock graph takes dot milliseconds and a few kilobytes.
constexpr int kTimeoutMs = 30'000, kTimeoutPerGraphMs = 200;
constexpr std::size_t kMaxSvg = 8u << 20, kMaxSvgPerGraph = 1u << 20;

struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Runs dot with `in` on its standard input; its standard output, or nothing.
std::optional<std::string> run_dot(std::string_view in, std::size_t graphs, std::string& error) {
  const int timeout_ms = kTimeoutMs + static_cast<int>(std::min<std::size_t>(graphs, 100'000)) * kTimeoutPerGraphMs;
  const std::size_t max_out = kMaxSvg + graphs * kMaxSvgPerGraph;
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0) return error = std::strerror(errno), std::nullopt;
  Fd to_r{to[0]}, to_w{to[1]};
  if (::pipe2(from, O_CLOEXEC) != 0) return error = std::strerror(errno), std::nullopt;
  Fd from_r{from[0]}, from_w{from[1]};

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to_r.fd, 0);
  posix_spawn_file_actions_adddup2(&fa, from_w.fd, 1);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  char arg0[] = "dot", arg1[] = "-Tsvg";
  char* argv[] = {arg0, arg1, nullptr};
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, "dot", &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    error = rc == ENOENT ? "Graphviz's dot is not installed (apt-get install graphviz)"
                         : std::string("cannot run dot: ") + std::strerror(rc);
    return std::nullopt;
  }
  to_r.reset();
  from_w.reset();
  ::fcntl(to_w.fd, F_SETFL, O_NONBLOCK);

  std::string out;
  std::size_t sent = 0;
  bool too_big = false, timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  if (in.empty()) to_w.reset();
  while (from_r.fd >= 0) {
    pollfd p[2];
    int n = 0;
    p[n++] = {from_r.fd, POLLIN, 0};
    if (to_w.fd >= 0) p[n++] = {to_w.fd, POLLOUT, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    if (::poll(p, n, static_cast<int>(left.count())) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n > 1 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t w = ::write(to_w.fd, in.data() + sent, in.size() - sent);
      if (w > 0) sent += static_cast<std::size_t>(w);
      if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == in.size()) to_w.reset();
    }
    if (p[0].revents & (POLLIN | POLLERR | POLLHUP)) {
      char buf[65536];
      const ssize_t r = ::read(from_r.fd, buf, sizeof buf);
      if (r > 0) {
        out.append(buf, static_cast<std::size_t>(r));
        if (out.size() > max_out) {
          too_big = true;
          break;
        }
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        from_r.reset();
      }
    }
  }
  if (timed_out || too_big) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) return error = fmt::format("dot took longer than {} s", timeout_ms / 1000), std::nullopt;
  if (too_big) return error = fmt::format("dot wrote more than {} MiB", max_out >> 20), std::nullopt;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return error = "dot failed on the lock graph", std::nullopt;
  return out;
}

std::string lower(std::string_view s) {
  std::string o(s);
  std::transform(o.begin(), o.end(), o.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return o;
}

// One SVG document of dot's as the <svg> element alone (no XML declaration
// or DOCTYPE inside HTML), without dot's comments (a version banner and node
// names), checked to be plain drawing.
std::optional<std::string> trim_svg(std::string_view doc, std::string& error) {
  const std::size_t start = doc.find("<svg");
  const std::size_t end = doc.rfind("</svg>");
  if (start == std::string::npos || end == std::string::npos || end < start) {
    error = "dot wrote no SVG";
    return std::nullopt;
  }
  std::string svg;
  std::string_view body = doc.substr(start, end + 6 - start);
  for (std::size_t i = 0; i < body.size();) {
    const std::size_t c = body.find("<!--", i);
    if (c == std::string_view::npos) {
      svg.append(body.substr(i));
      break;
    }
    svg.append(body.substr(i, c - i));
    const std::size_t e = body.find("-->", c + 4);
    if (e == std::string_view::npos) break;
    i = e + 3;
    if (i < body.size() && body[i] == '\n') ++i;
  }
  svg += "\n";
  // dot escapes every label (text holds no raw '<') and we never give it
  // URLs: an active element or an event attribute means something went wrong.
  const std::string l = lower(svg);
  for (const char* bad : {"<script", "<foreignobject", "<iframe", "href", "javascript:"})
    if (l.find(bad) != std::string::npos) return error = std::string("dot's SVG contains ") + bad, std::nullopt;
  for (std::size_t t = l.find('<'); t != std::string::npos; t = l.find('<', t + 1)) {
    const std::size_t close = l.find('>', t);
    const std::string_view tag = std::string_view(l).substr(t, close == std::string::npos ? std::string::npos : close - t);
    for (std::size_t a = tag.find(" on"); a != std::string_view::npos; a = tag.find(" on", a + 1)) {
      std::size_t k = a + 3;
      while (k < tag.size() && std::isalpha(static_cast<unsigned char>(tag[k]))) ++k;
      if (k > a + 3 && k < tag.size() && tag[k] == '=') return error = "dot's SVG has an event attribute", std::nullopt;
    }
  }
  return svg;
}

}  // namespace

std::optional<std::string> dot_to_svg(std::string_view dot, std::string& error) {
  auto raw = run_dot(dot, 1, error);
  if (!raw) return std::nullopt;
  return trim_svg(*raw, error);
}

std::vector<std::optional<std::string>> dot_to_svgs(const std::vector<std::string>& dots, std::string& error) {
  std::vector<std::optional<std::string>> out;
  if (dots.empty()) return out;
  std::string all;
  for (const auto& d : dots) all += d;
  std::string why;
  if (auto raw = run_dot(all, dots.size(), why)) {
    // dot writes one document per graph, in input order.
    std::vector<std::string_view> docs;
    std::string_view rest(*raw);
    for (std::size_t e = rest.find("</svg>"); e != std::string_view::npos; e = rest.find("</svg>")) {
      docs.push_back(rest.substr(0, e + 6));
      rest.remove_prefix(e + 6);
    }
    if (docs.size() == dots.size()) {
      for (const auto& doc : docs) {
        out.push_back(trim_svg(doc, why));
        if (!out.back() && error.empty()) error = why;
      }
      return out;
    }
  }
  // One graph dot cannot draw fails the batch: draw each alone.
  for (const auto& d : dots) {
    out.push_back(dot_to_svg(d, why));
    if (!out.back() && error.empty()) error = why;
  }
  return out;
}

}  // namespace simtrinity::html
