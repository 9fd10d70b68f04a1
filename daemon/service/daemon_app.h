// DaemonApp: wires shapewatchd together and runs it until a signal stops it.
//
// Threads: the calling thread runs the Boost.Asio io_context (Graphite
// TCP/UDP ingest, signals); one detector thread (DetectorLoop); one training
// thread (TrainingWorker); the Prometheus exposer's own HTTP threads.
// SIGTERM/SIGINT: stop accepting, push what was already received through
// the detector, exit 0. SIGHUP: reload the configuration file; an invalid
// one is logged with file:line and the running configuration stays. Rules,
// gaps and alerting (while on) apply at once; sockets, the state directory,
// limits and switching alerting on or off wait for a restart (logged).
#pragma once

#include <functional>
#include <string>

#include "config/daemon_config.h"
#include "daemon/service/logger.h"

namespace shapewatch {

class AlertService;
class DetectorLoop;
struct ReloadMetrics;

class DaemonApp {
 public:
  // `config_path` is re-read on SIGHUP ("" when running on the built-in
  // default). `overrides` are re-applied to every reloaded configuration.
  DaemonApp(DaemonConfig config, std::string config_path,
            std::function<void(DaemonConfig&)> overrides, Logger& log);

  // Runs until stopped; returns the process exit status.
  int Run();

 private:
  // `alerts` is null when alerting is off.
  void Reload(DetectorLoop& detector, AlertService* alerts, ReloadMetrics& metrics);

  DaemonConfig config_;
  std::string config_path_;
  std::function<void(DaemonConfig&)> overrides_;
  Logger& log_;
};

}  // namespace shapewatch
