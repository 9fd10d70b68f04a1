// Reads the files in deploy/ (Prometheus rules, Grafana dashboard and
// provisioning) and pulls out what the deploy tests check: every PromQL
// expression, with where it came from, ready to send to a real Prometheus.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace shapewatch::testing {

// SHAPEWATCH_SOURCE_DIR/deploy/<relative>.
std::string DeployPath(const std::string& relative);
std::string ReadWholeFile(const std::string& path);

struct Expression {
  std::string where;  // e.g. "panel 'Anomaly score' target A", for failure messages
  std::string expr;
};

// Every "expr" in the dashboard: panels' (and rows' nested panels') targets
// and annotation queries.
std::vector<Expression> DashboardExpressions(const nlohmann::json& dashboard);

// Every panel, rows' nested panels included (rows themselves too), as
// pointers into `dashboard`, which must outlive them.
std::vector<const nlohmann::json*> DashboardPanels(const nlohmann::json& dashboard);

struct RuleExpression {
  std::string name;  // the alert or the recorded series
  bool alert = false;
  std::string expr;
};
std::vector<RuleExpression> RuleExpressions(const YAML::Node& rule_file);

// Replaces Grafana's variables ("$name" and "${name}") with `values`; the
// longest name wins where one is a prefix of another. Unknown variables stay,
// so a test can tell by looking for '$'.
std::string SubstituteVariables(std::string expr, const std::map<std::string, std::string>& values);

// Grafana's "label_values(selector, label)" variable query.
struct LabelValuesQuery {
  std::string selector;
  std::string label;
};
std::optional<LabelValuesQuery> ParseLabelValues(const std::string& query);

}  // namespace shapewatch::testing
