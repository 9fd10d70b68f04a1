// The built-in defaults and reading a configuration file.
#include "config/daemon_config.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace shapewatch {
namespace {

Result<std::string> ReadWholeFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return Error{path + ": " + std::strerror(errno)};
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
  }
  if (std::ferror(file.get())) return Error{path + ": " + std::strerror(errno)};
  return text;
}

}  // namespace

DaemonConfig DefaultConfig() {
  DaemonConfig config;
  config.rules.push_back(SeriesRule{});
  config.source = "built-in default";
  return config;
}

Result<DaemonConfig> LoadDaemonConfig(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path);
  if (!text) return Error{text.error()};
  return ParseDaemonConfig(*text, path);
}

}  // namespace shapewatch
