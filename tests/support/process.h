// The simtrinity binary as a process of its own, for tests that signal it
// (SIGINT, SIGKILL) while it runs: popen() gives no pid to send them to.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace simtest {

class Process {
 public:
  // Starts build/simtrinity ARGS; its standard output is readable with
  // read_until() when `capture_stdout`, else it goes to /dev/null, as
  // standard error always does.
  explicit Process(const std::vector<std::string>& args, bool capture_stdout = false) {
    std::vector<std::string> argv = {std::string(SIMTRINITY_BINARY_DIR) + "/simtrinity"};
    argv.insert(argv.end(), args.begin(), args.end());
    int fds[2] = {-1, -1};
    if (capture_stdout && pipe2(fds, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(capture_stdout ? fds[1] : null, 1);
      dup2(null, 2);
      std::vector<char*> v;
      for (auto& s : argv) v.push_back(s.data());
      v.push_back(nullptr);
      execv(v[0], v.data());
      _exit(127);
    }
    if (capture_stdout) {
      close(fds[1]);
      out_ = fds[0];
    }
  }
  ~Process() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) close(out_);
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig) const { kill(pid_, sig); }

  // Reads standard output until it holds `what` (true) or it ends or
  // `secs` pass (false).
  bool read_until(const std::string& what, double secs) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(secs);
    while (stdout_.find(what) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{out_fd(), POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char buf[4096];
      ssize_t n = read(out_fd(), buf, sizeof buf);
      if (n <= 0) return false;
      stdout_.append(buf, static_cast<size_t>(n));
      if (stdout_.find(what) != std::string::npos) return true;
    }
    return true;
  }
  const std::string& stdout_text() const { return stdout_; }

  // The exit status (128 + signal when a signal ended it, as a shell
  // says), or -1 if it is still running after `secs` (it is then killed).
  int wait(double secs) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(secs);
    for (;;) {
      int st = 0;
      if (waitpid(pid_, &st, WNOHANG) == pid_) {
        reaped_ = true;
        signaled_ = WIFSIGNALED(st);
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      }
      if (std::chrono::steady_clock::now() > end) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  // Whether a signal ended it (it did not exit by itself).
  bool signaled() const { return signaled_; }
  // Whether it has ended (reaping it if so).
  bool ended() {
    int st = 0;
    if (!reaped_ && waitpid(pid_, &st, WNOHANG) == pid_) {
      reaped_ = true;
      signaled_ = WIFSIGNALED(st);
    }
    return reaped_;
  }

 private:
  int out_fd() const { return out_; }
  pid_t pid_ = -1;
  int out_ = -1;
  bool reaped_ = false;
  bool signaled_ = false;
  std::string stdout_;
};

}  // namespace simtest
