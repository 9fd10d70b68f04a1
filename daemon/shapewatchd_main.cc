// shapewatchd: the monitoring daemon. Parses the command line, loads the
// configuration, and hands over to DaemonApp.
#include <cstdio>
#include <string>
#include <vector>

#include "config/daemon_config.h"
#include "daemon/service/daemon_app.h"
#include "daemon/service/daemon_options.h"
#include "daemon/service/logger.h"

namespace shapewatch {
namespace {

LogLevel ToLevel(const std::string& name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warning") return LogLevel::kWarning;
  if (name == "debug") return LogLevel::kDebug;
  return LogLevel::kInfo;
}

int CheckConfig(const std::string& path) {
  Result<DaemonConfig> config = LoadDaemonConfig(path);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.error().c_str());
    return 1;
  }
  std::printf("%s: configuration is valid (%zu series rule%s)\n", path.c_str(),
              config->rules.size(), config->rules.size() == 1 ? "" : "s");
  return 0;
}

// Applies the command line's address and directory overrides.
Status ApplyOverrides(const DaemonOptions& o, DaemonConfig& c) {
  if (!o.listen_graphite.empty()) {
    Result<ListenAddress> a = ParseListenAddress(o.listen_graphite);
    if (!a.ok()) return Status::Fail("--listen-graphite: " + a.error());
    c.graphite_tcp = c.graphite_udp = *a;
  }
  if (!o.listen_metrics.empty()) {
    Result<ListenAddress> a = ParseListenAddress(o.listen_metrics);
    if (!a.ok()) return Status::Fail("--listen-metrics: " + a.error());
    c.metrics = *a;
  }
  if (!o.state_dir.empty()) c.state_dir = o.state_dir;
  return Status::Ok();
}

int Main(int argc, char** argv) {
  std::string error;
  std::optional<DaemonOptions> options =
      ParseDaemonOptions(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) {
    std::fprintf(stderr, "shapewatchd: %s\n%s", error.c_str(), kDaemonUsage);
    return 2;
  }
  if (options->help) {
    std::fputs(kDaemonUsage, stdout);
    return 0;
  }
  if (options->version) {
    std::printf("shapewatchd %s\n", SHAPEWATCH_VERSION);
    return 0;
  }
  if (!options->check_config_path.empty()) return CheckConfig(options->check_config_path);

  Logger log(stderr, ToLevel(options->log_level));
  DaemonConfig config = DefaultConfig();
  if (!options->config_path.empty()) {
    Result<DaemonConfig> loaded = LoadDaemonConfig(options->config_path);
    if (!loaded.ok()) {
      log.Error(loaded.error());
      return 1;
    }
    config = std::move(*loaded);
  }
  if (Status s = ApplyOverrides(*options, config); !s.ok()) {
    std::fprintf(stderr, "shapewatchd: %s\n", s.error().c_str());
    return 2;
  }
  const DaemonOptions opts = *options;
  DaemonApp app(
      std::move(config), options->config_path,
      [opts](DaemonConfig& c) { (void)ApplyOverrides(opts, c); }, log);
  return app.Run();
}

}  // namespace
}  // namespace shapewatch

int main(int argc, char** argv) { return shapewatch::Main(argc, argv); }
