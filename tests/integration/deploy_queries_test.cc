// The deploy/ files against the real programs: promtool checks and unit-tests
// the rules, and every PromQL expression of the Grafana dashboard and of the
// rules runs against a real Prometheus that scrapes a real shapewatchd fed
// with data (invalid → fail; empty where data is expected → fail).
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/deploy_expressions.h"
#include "tests/integration/support/http_client.h"
#include "tests/integration/support/prometheus_under_test.h"

namespace shapewatch::testing {
namespace {
using namespace std::chrono_literals;

// Grafana's variables as the test sets them: the pushed series, any daemon,
// and intervals that span several of the test's 1 s scrapes.
const std::map<std::string, std::string> kVariables = {
    {"series", R"(deploy\\.ecg|deploy\\.idle)"},
    {"instance", ".*"},
    {"__rate_interval", "1m"},
    {"__interval", "15s"},
    {"__range", "5m"},
};

// Expressions that may return nothing on the healthy daemon of this test.
// Whether the ECG's latest hop is anomalous depends on the data, so the
// anomaly alert's condition and the dashboard's annotation of firing anomaly
// alerts may be empty. Everything else must have data, or — for the health
// alerts below — must be empty.
const std::set<std::string> kMayBeEmpty = {
    "ShapewatchAnomaly",
    "annotation 'Anomaly alerts'",
};
// Alert conditions that a healthy daemon must not meet. The test breaks the
// configuration file on purpose, so ShapewatchConfigReloadFailed must fire.
const std::set<std::string> kMustBeEmpty = {
    "ShapewatchModelFailed",    "ShapewatchTargetDown",           "ShapewatchIngestErrors",
    "ShapewatchSamplesDropped", "ShapewatchRingBufferNearlyFull", "ShapewatchDetectorLagHigh",
};

RunResult Promtool(std::vector<std::string> args) {
  args.insert(args.begin(), "/usr/bin/promtool");
  return RunProgram(std::move(args));
}

TEST(DeployRules, PromtoolChecksRulesAndScrapeConfig) {
  RunResult rules = Promtool({"check", "rules", DeployPath("prometheus/shapewatch-rules.yml")});
  EXPECT_EQ(rules.status, 0) << rules.output;
  RunResult config = Promtool({"check", "config", DeployPath("prometheus/prometheus.yml")});
  EXPECT_EQ(config.status, 0) << config.output;
}

TEST(DeployRules, PromtoolUnitTestsPass) {
  RunResult test = Promtool({"test", "rules", DeployPath("prometheus/shapewatch-rules.test.yml")});
  EXPECT_EQ(test.status, 0) << test.output;
  EXPECT_NE(test.output.find("SUCCESS"), std::string::npos) << test.output;
}

struct QueryResult {
  bool answered = false;  // HTTP 200 or 400 with a JSON body
  std::string status;     // "success" or "error"
  std::string error;
  nlohmann::json data;
};

QueryResult Get(int port, const std::string& target) {
  QueryResult out;
  auto res = HttpGet("127.0.0.1", port, target);
  if (!res) return out;
  nlohmann::json body = nlohmann::json::parse(res->body, nullptr, false);
  if (!body.is_object()) return out;
  out.answered = true;
  out.status = body.value("status", "");
  out.error = body.value("error", "");
  out.data = body.value("data", nlohmann::json());
  return out;
}

QueryResult Query(int port, const std::string& expr) {
  return Get(port, "/api/v1/query?query=" + UrlEncode(expr));
}

bool HasData(const QueryResult& r) {
  return r.status == "success" && r.data.is_object() && !r.data["result"].empty();
}

// Waits until `expr` has data (or, with `want_data` false, gives Prometheus
// a moment only to answer); an invalid expression ends the wait at once.
QueryResult WaitForQuery(int port, const std::string& expr, bool want_data) {
  QueryResult r;
  Eventually(
      [&] {
        r = Query(port, expr);
        if (r.answered && r.status != "success") return true;
        return r.answered && (!want_data || HasData(r));
      },
      30s, 200ms);
  return r;
}

void CheckExpression(int port, const std::string& where, const std::string& raw) {
  const std::string expr = SubstituteVariables(raw, kVariables);
  ASSERT_EQ(expr.find('$'), std::string::npos) << where << ": unknown variable in " << raw;
  const bool may_be_empty = kMayBeEmpty.count(where) > 0;
  const bool must_be_empty = kMustBeEmpty.count(where) > 0;
  const QueryResult r = WaitForQuery(port, expr, !may_be_empty && !must_be_empty);
  ASSERT_TRUE(r.answered) << where << ": Prometheus did not answer for " << expr;
  ASSERT_EQ(r.status, "success") << where << ": invalid PromQL: " << expr << "\n" << r.error;
  if (must_be_empty) {
    EXPECT_FALSE(HasData(r)) << where << " is met on a healthy daemon: " << expr << "\n"
                             << r.data.dump();
  } else if (!may_be_empty) {
    EXPECT_TRUE(HasData(r)) << where << ": no data for " << expr;
  }
}

void CheckLabelValues(int port, const nlohmann::json& variable, const std::string& expected) {
  const nlohmann::json& query = variable["query"];
  const std::string text = query.is_object() ? query.value("query", "") : query.get<std::string>();
  auto parsed = ParseLabelValues(text);
  ASSERT_TRUE(parsed.has_value()) << "variable " << variable["name"] << ": " << text;
  const std::string selector = SubstituteVariables(parsed->selector, kVariables);
  const std::string target =
      "/api/v1/label/" + parsed->label + "/values?match[]=" + UrlEncode(selector);
  QueryResult r;
  Eventually(
      [&] {
        r = Get(port, target);
        return r.answered &&
               (r.status != "success" || r.data.dump().find(expected) != std::string::npos);
      },
      30s, 200ms);
  ASSERT_EQ(r.status, "success") << "variable " << variable["name"] << ": " << r.error;
  EXPECT_NE(r.data.dump().find(expected), std::string::npos)
      << "variable " << variable["name"] << " does not offer " << expected << ": " << r.data.dump();
}

// Feeds the daemon a learned series with a malformed line or two, a series
// still learning, and a configuration reload that fails.
void FeedDaemon(const TempDir& dir, DaemonUnderTest& daemon) {
  const std::vector<double> ecg = LoadEcg();
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("deploy.ecg", ecg, 0, 8000, 1.7e9, 0.002) +
                             "deploy.ecg not-a-number 1700000016\nmissing_fields\n" +
                             GraphiteLines("deploy.idle", ecg, 0, 100, 1.7e9, 0.002)));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"deploy.ecg\",state=\"scoring\"}", 1));
  dir.Write("broken.yaml", "series: [");
  ASSERT_EQ(std::rename(dir.File("broken.yaml").c_str(), daemon.config_path().c_str()), 0);
  daemon.process().Signal(SIGHUP);
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_config_last_reload_successful", 0));
}

TEST(DeployQueries, EveryExpressionRunsAgainstRealPrometheus) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kQuickLearningConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  FeedDaemon(dir, daemon);
  PrometheusUnderTest prometheus(dir, daemon.metrics_port(),
                                 {DeployPath("prometheus/shapewatch-rules.yml")});
  ASSERT_TRUE(prometheus.ready()) << prometheus.Output();
  ASSERT_TRUE(HasData(WaitForQuery(prometheus.port(), "shapewatch_build_info", true)));

  // More data once Prometheus watches, so rates and hop times are not zero.
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("deploy.ecg", LoadEcg(), 8000, 12000, 1.7e9, 0.002)));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_samples_total{series=\"deploy.ecg\"}", 12000));

  const nlohmann::json dashboard =
      nlohmann::json::parse(ReadWholeFile(DeployPath("grafana/dashboards/shapewatch.json")));
  for (const Expression& e : DashboardExpressions(dashboard)) {
    SCOPED_TRACE(e.where);
    CheckExpression(prometheus.port(), e.where, e.expr);
  }
  for (const nlohmann::json& v : dashboard["templating"]["list"]) {
    const std::string name = v["name"];
    CheckLabelValues(prometheus.port(), v, name == "series" ? "deploy.ecg" : "127.0.0.1:");
  }
  for (const RuleExpression& r :
       RuleExpressions(YAML::LoadFile(DeployPath("prometheus/shapewatch-rules.yml")))) {
    SCOPED_TRACE(r.name);
    CheckExpression(prometheus.port(), r.name, r.expr);
  }
  // ShapewatchAnomaly may be empty on healthy data, so the series it reads
  // must have data on their own: a misspelt name would keep it empty.
  for (const char* input : {"shapewatch_anomaly_score", "shapewatch_anomalous_consecutive_hops",
                            "shapewatch_anomalous_hops_total", "shapewatch_series_hops_total"}) {
    CheckExpression(prometheus.port(), std::string("ShapewatchAnomaly reads ") + input,
                    std::string(input) + R"({series="deploy.ecg"})");
  }
  EXPECT_EQ(daemon.Stop(), 0);
}

// Prometheus loaded every rule of the file and evaluates each without error;
// the broken configuration reload shows up in ALERTS as a firing alert.
TEST(DeployQueries, PrometheusEvaluatesEveryRuleAndFiresOnAFailedReload) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kQuickLearningConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  FeedDaemon(dir, daemon);
  PrometheusUnderTest prometheus(dir, daemon.metrics_port(),
                                 {DeployPath("prometheus/shapewatch-rules.yml")});
  ASSERT_TRUE(prometheus.ready()) << prometheus.Output();

  const QueryResult alerts = WaitForQuery(
      prometheus.port(), "ALERTS{alertname=\"ShapewatchConfigReloadFailed\",alertstate=\"firing\"}",
      true);
  ASSERT_TRUE(HasData(alerts)) << prometheus.Output();
  EXPECT_EQ(alerts.data["result"][0]["metric"].value("severity", ""), "warning");

  std::set<std::string> expected;
  for (const RuleExpression& r :
       RuleExpressions(YAML::LoadFile(DeployPath("prometheus/shapewatch-rules.yml")))) {
    expected.insert(r.name);
  }
  const QueryResult rules = Get(prometheus.port(), "/api/v1/rules");
  ASSERT_EQ(rules.status, "success") << rules.error;
  std::set<std::string> loaded;
  for (const nlohmann::json& group : rules.data["groups"]) {
    for (const nlohmann::json& rule : group["rules"]) {
      loaded.insert(rule.value("name", ""));
      EXPECT_NE(rule.value("health", ""), "err")
          << rule.value("name", "") << ": " << rule.value("lastError", "");
    }
  }
  EXPECT_EQ(loaded, expected);
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace shapewatch::testing
