// A real Prometheus server scrapes a real shapewatchd; the score comes back
// through Prometheus' HTTP query API. promtool checks the exposition.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"
#include "tests/integration/support/prometheus_under_test.h"

namespace shapewatch::testing {
namespace {
using namespace std::chrono_literals;

TEST(PrometheusScrape, PromtoolAcceptsTheExposition) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kQuickLearningConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg", LoadEcg(), 0, 6000, 1.7e9, 0.002)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_state{series=\"ecg\",state=\"scoring\"}", 1));
  const std::string text = daemon.ScrapeText();
  ASSERT_FALSE(text.empty());
  RunResult check = RunProgram({"/usr/bin/promtool", "check", "metrics"}, text);
  EXPECT_EQ(check.status, 0) << check.output;
  EXPECT_EQ(check.output, "") << "promtool found problems:\n" << check.output;
}

TEST(PrometheusScrape, ScoreIsQueryableThroughPrometheus) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kQuickLearningConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.prom", LoadEcg(), 0, 8000, 1.7e9, 0.002)));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"ecg.prom\",state=\"scoring\"}", 1));

  PrometheusUnderTest prometheus(dir, daemon.metrics_port());
  ASSERT_TRUE(prometheus.ready()) << prometheus.Output();
  const int port = prometheus.port();

  const std::string query =
      "/api/v1/query?query=" + UrlEncode("shapewatch_anomaly_score{series=\"ecg.prom\"}");
  nlohmann::json result;
  ASSERT_TRUE(Eventually(
      [&] {
        auto res = HttpGet("127.0.0.1", port, query);
        if (!res || res->status != 200) return false;
        result = nlohmann::json::parse(res->body, nullptr, false);
        return result.is_object() && result["status"] == "success" &&
               !result["data"]["result"].empty();
      },
      60s))
      << prometheus.Output();
  const auto& sample = result["data"]["result"][0];
  EXPECT_EQ(sample["metric"]["job"], "shapewatch");
  const double score = std::stod(sample["value"][1].get<std::string>());
  const double exported =
      Metric(daemon.Scrape(), "shapewatch_anomaly_score{series=\"ecg.prom\"}").value();
  EXPECT_GE(score, 0.0);
  EXPECT_LE(score, 1.0);
  EXPECT_DOUBLE_EQ(score, exported);  // no new samples since: the same value

  const std::string up = "/api/v1/query?query=" + UrlEncode("up{job=\"shapewatch\"}");
  auto res = HttpGet("127.0.0.1", port, up);
  ASSERT_TRUE(res.has_value());
  EXPECT_NE(res->body.find("\"1\"]"), std::string::npos) << res->body;
  EXPECT_EQ(prometheus.Stop(), 0);
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace shapewatch::testing
