#include "tests/integration/support/prometheus_under_test.h"

#include <chrono>
#include <csignal>

namespace shapewatch::testing {
namespace {
using namespace std::chrono_literals;

std::string PrometheusConfig(int metrics_port, const std::vector<std::string>& rule_files) {
  std::string yaml = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n";
  if (!rule_files.empty()) {
    yaml += "rule_files:\n";
    for (const std::string& file : rule_files) yaml += "  - " + file + "\n";
  }
  return yaml +
         "scrape_configs:\n  - job_name: shapewatch\n    static_configs:\n"
         "      - targets: ['127.0.0.1:" +
         std::to_string(metrics_port) + "']\n";
}

}  // namespace

PrometheusUnderTest::PrometheusUnderTest(const TempDir& dir, int metrics_port,
                                         const std::vector<std::string>& rule_files)
    : port_(FreeTcpPort()) {
  dir.Write("prometheus.yml", PrometheusConfig(metrics_port, rule_files));
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"/usr/bin/prometheus", "--config.file=" + dir.File("prometheus.yml"),
                               "--storage.tsdb.path=" + dir.File("tsdb"),
                               "--web.listen-address=127.0.0.1:" + std::to_string(port_)});
  ready_ =
      process_
          ->WaitForLine(
              [](const std::string& l) { return l.find("Server is ready") != std::string::npos; },
              60s)
          .has_value();
}

PrometheusUnderTest::~PrometheusUnderTest() { Stop(); }

std::optional<int> PrometheusUnderTest::Stop() {
  if (stopped_) return std::nullopt;
  stopped_ = true;
  process_->Signal(SIGTERM);
  return process_->WaitExit(30s);
}

}  // namespace shapewatch::testing
