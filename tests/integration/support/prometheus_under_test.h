// PrometheusUnderTest: the Debian prometheus binary on a free loopback port,
// scraping one shapewatchd every second (job "shapewatch") and evaluating the
// given rule files every second, with its TSDB in the test's directory.
// Stopped with SIGTERM on destruction (or Stop()). One test thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/support/child_process.h"

namespace shapewatch::testing {

class PrometheusUnderTest {
 public:
  // Writes prometheus.yml into `dir`, starts Prometheus and waits (up to 60 s)
  // for "Server is ready".
  PrometheusUnderTest(const TempDir& dir, int metrics_port,
                      const std::vector<std::string>& rule_files = {});
  ~PrometheusUnderTest();
  PrometheusUnderTest(const PrometheusUnderTest&) = delete;
  PrometheusUnderTest& operator=(const PrometheusUnderTest&) = delete;

  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string Output() const { return process_->Output(); }

  // SIGTERM, then its exit status (nullopt if it did not exit in 30 s).
  std::optional<int> Stop();

 private:
  int port_;
  std::unique_ptr<ChildProcess> process_;
  bool ready_ = false;
  bool stopped_ = false;
};

}  // namespace shapewatch::testing
