// Logger: line-oriented log messages on stderr with a level, for journald.
//
// Under systemd (JOURNAL_STREAM set) each line starts with the kernel-style
// priority prefix "<N>" that journald turns into the entry's priority;
// elsewhere it starts with a UTC timestamp and the level name. Thread-safe:
// a line is written with one call under a mutex, so lines never interleave.
#pragma once

#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace shapewatch {

enum class LogLevel { kError = 3, kWarning = 4, kInfo = 6, kDebug = 7 };

class Logger {
 public:
  explicit Logger(std::FILE* out = stderr, LogLevel min_level = LogLevel::kInfo);

  void Log(LogLevel level, std::string_view message);
  void Error(std::string_view m) { Log(LogLevel::kError, m); }
  void Warning(std::string_view m) { Log(LogLevel::kWarning, m); }
  void Info(std::string_view m) { Log(LogLevel::kInfo, m); }
  void Debug(std::string_view m) { Log(LogLevel::kDebug, m); }

  // A sink for components that take `void(level, message)` with level names
  // "error", "warning", "info", "debug".
  std::function<void(std::string_view, std::string_view)> Sink();

 private:
  std::mutex mutex_;
  std::FILE* out_;  // GUARDED_BY(mutex_)
  LogLevel min_level_;
  bool journald_;
};

}  // namespace shapewatch
