// ChildProcess: runs a real program (shapewatchd, prometheus, promtool) for
// an integration test, captures its stderr line by line, and lets the test
// wait for a line or for the exit — conditions, not sleeps. The process is
// killed when the object is destroyed. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace shapewatch::testing {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with `argv`; stdout and stderr are both captured.
  explicit ChildProcess(std::vector<std::string> argv, std::vector<std::string> extra_env = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  int pid() const { return pid_; }

  // The first captured line (from the start) for which `match` is true.
  std::optional<std::string> WaitForLine(const std::function<bool(const std::string&)>& match,
                                         std::chrono::milliseconds timeout);
  std::vector<std::string> Lines() const;
  std::string Output() const;  // all captured lines, joined

  void Signal(int sig);
  // Exit status (WEXITSTATUS), or 128+signal; nullopt on timeout.
  std::optional<int> WaitExit(std::chrono::milliseconds timeout);

 private:
  void ReadLoop(int fd);

  int pid_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;  // GUARDED_BY(mutex_)
  bool eof_ = false;                // GUARDED_BY(mutex_)
  std::optional<int> status_;       // GUARDED_BY(mutex_)
};

// Runs a program to completion, returning exit status and combined output.
struct RunResult {
  int status = -1;
  std::string output;
};
RunResult RunProgram(std::vector<std::string> argv, const std::string& stdin_text = "",
                     std::chrono::milliseconds timeout = std::chrono::seconds(60));

// The blocked-signal mask of every thread of a running process, by thread
// id, from /proc/PID/task/*/status ("SigBlk:", bit n-1 for signal n).
std::map<int, std::uint64_t> ThreadSignalMasks(int pid);

// True when `mask` blocks SIGINT, SIGTERM and SIGHUP (all three).
bool BlocksStopAndReload(std::uint64_t mask);
// True when `mask` blocks none of the three.
bool TakesStopAndReload(std::uint64_t mask);

// A loopback TCP port that was free a moment ago (for programs that cannot
// be told to pick their own).
int FreeTcpPort();

// A fresh temporary directory, removed with its contents by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  void Write(const std::string& name, const std::string& contents) const;

 private:
  std::string path_;
};

}  // namespace shapewatch::testing
