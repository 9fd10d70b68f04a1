// The Grafana files in deploy/ are well formed and agree with each other, with
// the Prometheus configuration and with docker-compose's mounts (Grafana itself
// is not installable here, so nothing runs them).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/integration/support/deploy_expressions.h"

namespace shapewatch::testing {
namespace {
namespace fs = std::filesystem;

nlohmann::json Dashboard() {
  return nlohmann::json::parse(ReadWholeFile(DeployPath("grafana/dashboards/shapewatch.json")));
}

YAML::Node Yaml(const std::string& relative) { return YAML::LoadFile(DeployPath(relative)); }

YAML::Node Datasources() {
  return Yaml("grafana/provisioning/datasources/prometheus.yml")["datasources"];
}

std::string ProvisionedDatasourceUid() {
  const YAML::Node sources = Datasources();
  return sources.size() == 1 ? sources[0]["uid"].as<std::string>("") : "";
}

// Where a compose service's container path comes from on the host: the
// longest matching bind mount, relative to deploy/; "" when none covers it.
std::string HostPathOf(const YAML::Node& service, const std::string& container_path) {
  std::string best_host, best_container;
  for (const YAML::Node& v : service["volumes"]) {
    const std::string spec = v.as<std::string>();
    const std::size_t colon = spec.find(':');
    const std::string host = spec.substr(0, colon);
    const std::string container = spec.substr(colon + 1, spec.find(':', colon + 1) - colon - 1);
    const bool covers =
        container_path == container || container_path.rfind(container + "/", 0) == 0;
    if (host.rfind("./", 0) == 0 && covers && container.size() > best_container.size()) {
      best_host = host.substr(2);
      best_container = container;
    }
  }
  if (best_container.empty()) return "";
  return (fs::path(best_host) / fs::path(container_path).lexically_relative(best_container))
      .lexically_normal()
      .string();
}

TEST(DeployExpressions, SubstitutesGrafanaVariables) {
  const std::map<std::string, std::string> values = {
      {"series", "a|b"}, {"__interval", "15s"}, {"__rate_interval", "1m"}};
  EXPECT_EQ(SubstituteVariables("rate(x{s=~\"$series\"}[$__rate_interval])", values),
            "rate(x{s=~\"a|b\"}[1m])");
  EXPECT_EQ(SubstituteVariables("x{s=~\"${series}\"}[$__interval] $other", values),
            "x{s=~\"a|b\"}[15s] $other");
}

TEST(DeployExpressions, ParsesLabelValuesQueries) {
  auto q = ParseLabelValues("label_values(m{instance=~\"$instance\"}, series)");
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->selector, "m{instance=~\"$instance\"}");
  EXPECT_EQ(q->label, "series");
  EXPECT_FALSE(ParseLabelValues("query_result(up)").has_value());
}

TEST(GrafanaFiles, DashboardIsAProvisionableGrafana9Dashboard) {
  nlohmann::json dashboard;
  ASSERT_NO_THROW(dashboard = Dashboard());
  ASSERT_TRUE(dashboard.is_object());
  EXPECT_FALSE(dashboard.value("uid", "").empty());
  EXPECT_FALSE(dashboard.value("title", "").empty());
  EXPECT_GE(dashboard.value("schemaVersion", 0), 36);  // Grafana 9.0
  EXPECT_TRUE(!dashboard.contains("id") || dashboard["id"].is_null())
      << "a provisioned dashboard carries no database id";
}

TEST(GrafanaFiles, DashboardHasAMultiValueSeriesVariable) {
  const nlohmann::json dashboard = Dashboard();
  const nlohmann::json* series = nullptr;
  for (const nlohmann::json& v : dashboard["templating"]["list"]) {
    if (v.value("name", "") == "series") series = &v;
  }
  ASSERT_NE(series, nullptr);
  EXPECT_TRUE(series->value("multi", false));
  EXPECT_TRUE(series->value("includeAll", false));
  EXPECT_EQ(series->value("definition", "").rfind("label_values(shapewatch_anomaly_score", 0), 0u)
      << series->dump();
  EXPECT_EQ((*series)["datasource"].value("uid", ""), ProvisionedDatasourceUid());
}

TEST(GrafanaFiles, EveryPanelQueriesTheProvisionedDatasource) {
  const std::string uid = ProvisionedDatasourceUid();
  ASSERT_FALSE(uid.empty());
  const nlohmann::json dashboard = Dashboard();
  std::set<int> ids;
  for (const nlohmann::json* p : DashboardPanels(dashboard)) {
    SCOPED_TRACE(p->value("title", ""));
    EXPECT_TRUE(ids.insert(p->value("id", -1)).second) << "duplicate panel id";
    EXPECT_TRUE(p->contains("gridPos"));
    if (p->value("type", "") == "row") continue;  // rows hold no queries
    ASSERT_TRUE(p->contains("datasource"));
    EXPECT_EQ((*p)["datasource"].value("uid", ""), uid);
    ASSERT_FALSE(p->value("targets", nlohmann::json::array()).empty());
    for (const nlohmann::json& t : (*p)["targets"]) {
      EXPECT_FALSE(t.value("expr", "").empty()) << t.dump();
      if (t.contains("datasource")) {
        EXPECT_EQ(t["datasource"].value("uid", ""), uid);
      }
    }
  }
  EXPECT_GE(ids.size(), 10u);
}

TEST(GrafanaFiles, DatasourceMatchesThePrometheusConfiguration) {
  ASSERT_EQ(Datasources().size(), 1u);
  const YAML::Node source = Datasources()[0];
  EXPECT_EQ(source["type"].as<std::string>(), "prometheus");
  EXPECT_EQ(source["url"].as<std::string>(), "http://prometheus:9090");
  // Grafana derives $__rate_interval from the datasource's scrape interval.
  EXPECT_EQ(source["jsonData"]["timeInterval"].as<std::string>(),
            Yaml("prometheus/prometheus.yml")["global"]["scrape_interval"].as<std::string>());
}

TEST(GrafanaFiles, ComposeMountsWhatTheProvisioningNames) {
  const YAML::Node compose = Yaml("docker-compose.yml");
  const YAML::Node grafana = compose["services"]["grafana"];
  const YAML::Node providers = Yaml("grafana/provisioning/dashboards/shapewatch.yml")["providers"];
  ASSERT_EQ(providers.size(), 1u);
  EXPECT_EQ(providers[0]["type"].as<std::string>(), "file");
  const std::string folder = providers[0]["options"]["path"].as<std::string>();
  EXPECT_EQ(HostPathOf(grafana, folder + "/shapewatch.json"), "grafana/dashboards/shapewatch.json");
  for (const std::string f : {"dashboards/shapewatch.yml", "datasources/prometheus.yml"}) {
    EXPECT_EQ(HostPathOf(grafana, "/etc/grafana/provisioning/" + f), "grafana/provisioning/" + f);
  }
  EXPECT_TRUE(compose["services"]["prometheus"]);  // the datasource's host name
}

TEST(PrometheusFiles, ComposeMountsTheConfigurationBesideItsRules) {
  const YAML::Node prometheus = Yaml("docker-compose.yml")["services"]["prometheus"];
  std::string config = "/etc/prometheus/prometheus.yml";  // the image's default
  for (const YAML::Node& arg : prometheus["command"]) {
    const std::string a = arg.as<std::string>();
    if (a.rfind("--config.file=", 0) == 0) config = a.substr(a.find('=') + 1);
  }
  EXPECT_EQ(HostPathOf(prometheus, config), "prometheus/prometheus.yml");
  const YAML::Node settings = Yaml("prometheus/prometheus.yml");
  ASSERT_EQ(settings["rule_files"].size(), 1u);
  const std::string rules = settings["rule_files"][0].as<std::string>();
  EXPECT_EQ(HostPathOf(prometheus, (fs::path(config).parent_path() / rules).string()),
            "prometheus/shapewatch-rules.yml");
  const YAML::Node job = settings["scrape_configs"][0];
  EXPECT_EQ(job["job_name"].as<std::string>(), "shapewatch");  // the rules select this job
  EXPECT_EQ(job["static_configs"][0]["targets"][0].as<std::string>(), "shapewatch:9464");
}

}  // namespace
}  // namespace shapewatch::testing
