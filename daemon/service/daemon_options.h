// DaemonOptions: shapewatchd's command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace shapewatch {

struct DaemonOptions {
  std::string config_path;         // --config FILE; "" = built-in default
  std::string check_config_path;   // --check-config FILE: validate and exit
  std::string listen_graphite;     // --listen-graphite HOST:PORT (TCP and UDP)
  std::string listen_metrics;      // --listen-metrics HOST:PORT
  std::string state_dir;           // --state-dir DIR
  std::string log_level = "info";  // --log-level error|warning|info|debug
  bool help = false;
  bool version = false;
};

// Parses argv; on a usage error returns nullopt and sets `error`.
std::optional<DaemonOptions> ParseDaemonOptions(const std::vector<std::string>& args,
                                                std::string& error);

extern const char kDaemonUsage[];

}  // namespace shapewatch
