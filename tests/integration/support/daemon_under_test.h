// DaemonUnderTest: the real shapewatchd binary started on free loopback
// ports with a test's configuration and state directory, plus the clients a
// test needs to talk to it: Graphite over TCP and UDP, /metrics scrapes.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/support/child_process.h"

namespace shapewatch::testing {

// A configuration whose one rule learns every series from 4096 samples in
// well under a second (few restarts, few shapes).
inline constexpr char kQuickLearningConfig[] = R"(
series:
  - match: "*"
    train_samples: 4096
    n_init: 2
    clusters: 50
)";

std::string DaemonBinary();     // the built shapewatchd
std::string ToolBinary();       // the built shapewatch
std::vector<double> LoadEcg();  // the bundled ECG recording (300000 samples)

// "name value timestamp\n" for values[begin, end) stamped t0 + i * dt.
std::string GraphiteLines(const std::string& series, const std::vector<double>& values,
                          std::size_t begin, std::size_t end, double t0, double dt);

class DaemonUnderTest {
 public:
  // Starts shapewatchd with `config_yaml` (empty: the built-in default) in a
  // fresh state directory inside `dir` (or `state_dir` when given).
  DaemonUnderTest(const TempDir& dir, const std::string& config_yaml,
                  const std::string& state_dir = "");

  bool ready() const { return ready_; }
  int graphite_port() const { return tcp_port_; }
  int udp_port() const { return udp_port_; }
  int metrics_port() const { return metrics_port_; }
  ChildProcess& process() { return *process_; }
  const std::string& config_path() const { return config_path_; }
  const std::string& state_dir() const { return state_dir_; }

  // Sends `text` over one TCP connection and closes it cleanly.
  bool SendTcp(const std::string& text) const;
  // Sends each chunk as one UDP datagram.
  bool SendUdp(const std::vector<std::string>& datagrams) const;

  std::map<std::string, double> Scrape() const;
  std::string ScrapeText() const;
  // Waits until the metric `key` equals `value` (or passes, with at_least).
  bool WaitForMetric(const std::string& key, double value, bool at_least = false,
                     int timeout_ms = 60000) const;

  // SIGTERM, then the exit status.
  std::optional<int> Stop();

 private:
  std::string config_path_;
  std::string state_dir_;
  std::unique_ptr<ChildProcess> process_;
  bool ready_ = false;
  int tcp_port_ = 0, udp_port_ = 0, metrics_port_ = 0;
};

}  // namespace shapewatch::testing
