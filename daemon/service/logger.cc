#include "daemon/service/logger.h"

#include <cstdlib>
#include <ctime>

namespace shapewatch {
namespace {

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kError:
      return "error";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kDebug:
      return "debug";
  }
  return "info";
}

LogLevel LevelFromName(std::string_view name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warning" || name == "warn") return LogLevel::kWarning;
  if (name == "debug") return LogLevel::kDebug;
  return LogLevel::kInfo;
}

}  // namespace

Logger::Logger(std::FILE* out, LogLevel min_level)
    : out_(out), min_level_(min_level), journald_(std::getenv("JOURNAL_STREAM") != nullptr) {}

void Logger::Log(LogLevel level, std::string_view message) {
  if (static_cast<int>(level) > static_cast<int>(min_level_)) return;
  std::string line;
  if (journald_) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "<%d>", static_cast<int>(level));
    line = prefix;
  } else {
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    line = stamp;
    line += LevelName(level);
    line += ": ";
  }
  line += message;
  line += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

std::function<void(std::string_view, std::string_view)> Logger::Sink() {
  return [this](std::string_view level, std::string_view message) {
    Log(LevelFromName(level), message);
  };
}

}  // namespace shapewatch
