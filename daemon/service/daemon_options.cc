#include "daemon/service/daemon_options.h"

#include <map>

namespace shapewatch {

const char kDaemonUsage[] =
    "usage: shapewatchd [options]\n"
    "\n"
    "Learns the normal shapes of every time series pushed to it (Graphite\n"
    "plaintext over TCP and UDP) and exports anomaly scores for Prometheus.\n"
    "With no options it runs on a built-in default configuration: Graphite on\n"
    "127.0.0.1:2003, metrics on http://127.0.0.1:9464/metrics, learning every\n"
    "series it sees.\n"
    "\n"
    "options:\n"
    "  --config FILE              YAML configuration (see shapewatch.example.yaml)\n"
    "  --check-config FILE        validate FILE, print the result and exit\n"
    "  --listen-graphite H:P      Graphite address for TCP and UDP (overrides config)\n"
    "  --listen-metrics H:P       /metrics address (overrides config)\n"
    "  --state-dir DIR            where learned models are kept (overrides config)\n"
    "  --log-level LEVEL          error, warning, info (default) or debug\n"
    "  --version                  print the version and exit\n"
    "  --help                     print this help and exit\n"
    "\n"
    "signals: SIGHUP reloads the configuration (an invalid file is reported and\n"
    "the running configuration kept); SIGTERM/SIGINT stop accepting, process\n"
    "what was already received, and exit.\n";

std::optional<DaemonOptions> ParseDaemonOptions(const std::vector<std::string>& args,
                                                std::string& error) {
  DaemonOptions o;
  const std::map<std::string, std::string*> valued = {{"--config", &o.config_path},
                                                      {"--check-config", &o.check_config_path},
                                                      {"--listen-graphite", &o.listen_graphite},
                                                      {"--listen-metrics", &o.listen_metrics},
                                                      {"--state-dir", &o.state_dir},
                                                      {"--log-level", &o.log_level}};
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i], value;
    bool has_inline = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_inline = true;
    }
    if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (arg == "--version") {
      o.version = true;
    } else if (auto it = valued.find(arg); it != valued.end()) {
      if (!has_inline) {
        if (i + 1 >= args.size()) {
          error = arg + " needs a value";
          return std::nullopt;
        }
        value = args[++i];
      }
      *it->second = value;
    } else {
      error = "unknown option '" + args[i] + "'";
      return std::nullopt;
    }
  }
  if (o.log_level != "error" && o.log_level != "warning" && o.log_level != "info" &&
      o.log_level != "debug") {
    error = "--log-level must be error, warning, info or debug, not '" + o.log_level + "'";
    return std::nullopt;
  }
  return o;
}

}  // namespace shapewatch
