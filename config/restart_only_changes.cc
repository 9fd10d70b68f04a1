#include "config/daemon_config.h"

namespace shapewatch {

std::vector<std::string> RestartOnlyChanges(const DaemonConfig& running, const DaemonConfig& next) {
  std::vector<std::string> changed;
  const auto note = [&changed](bool differs, const char* key) {
    if (differs) changed.emplace_back(key);
  };
  note(running.graphite_tcp.ToString() != next.graphite_tcp.ToString() ||
           running.graphite_udp.ToString() != next.graphite_udp.ToString(),
       "listen.graphite");
  note(running.graphite_udp_enabled != next.graphite_udp_enabled, "listen.graphite_udp");
  note(running.metrics.ToString() != next.metrics.ToString(), "listen.metrics");
  note(running.state_dir != next.state_dir, "state_dir");
  note(running.queue_capacity != next.queue_capacity, "limits.queue_capacity");
  note(running.max_series != next.max_series, "limits.max_series");
  note(running.max_line_length != next.max_line_length, "limits.max_line_length");
  const bool alerting_switched = running.alerting.enabled() != next.alerting.enabled();
  note(alerting_switched, "alerting");
  note(!alerting_switched && running.alerting.queue_capacity != next.alerting.queue_capacity,
       "alerting.queue_capacity");
  return changed;
}

}  // namespace shapewatch
