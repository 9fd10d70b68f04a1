#include "tests/integration/support/deploy_expressions.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace shapewatch::testing {

std::string DeployPath(const std::string& relative) {
  return std::string(SHAPEWATCH_SOURCE_DIR) + "/deploy/" + relative;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

namespace {
void CollectPanels(const nlohmann::json& panels, std::vector<const nlohmann::json*>& out) {
  if (!panels.is_array()) return;
  for (const nlohmann::json& p : panels) {
    out.push_back(&p);
    if (p.contains("panels")) CollectPanels(p["panels"], out);
  }
}

std::string Describe(const nlohmann::json& panel, const nlohmann::json& target) {
  return "panel '" + panel.value("title", std::string("?")) + "' target " +
         target.value("refId", std::string("?"));
}
}  // namespace

std::vector<const nlohmann::json*> DashboardPanels(const nlohmann::json& dashboard) {
  std::vector<const nlohmann::json*> out;
  if (dashboard.contains("panels")) CollectPanels(dashboard["panels"], out);
  return out;
}

std::vector<Expression> DashboardExpressions(const nlohmann::json& dashboard) {
  std::vector<Expression> out;
  for (const nlohmann::json* panel : DashboardPanels(dashboard)) {
    if (!panel->contains("targets")) continue;
    for (const nlohmann::json& t : (*panel)["targets"]) {
      if (t.contains("expr")) out.push_back({Describe(*panel, t), t["expr"].get<std::string>()});
    }
  }
  const nlohmann::json annotations = dashboard.value("annotations", nlohmann::json::object())
                                         .value("list", nlohmann::json::array());
  for (const nlohmann::json& a : annotations) {
    if (a.contains("expr")) {
      out.push_back(
          {"annotation '" + a.value("name", std::string("?")) + "'", a["expr"].get<std::string>()});
    }
  }
  return out;
}

std::vector<RuleExpression> RuleExpressions(const YAML::Node& rule_file) {
  std::vector<RuleExpression> out;
  for (const YAML::Node& group : rule_file["groups"]) {
    for (const YAML::Node& rule : group["rules"]) {
      const bool alert = static_cast<bool>(rule["alert"]);
      out.push_back({rule[alert ? "alert" : "record"].as<std::string>(), alert,
                     rule["expr"].as<std::string>()});
    }
  }
  return out;
}

std::string SubstituteVariables(std::string expr,
                                const std::map<std::string, std::string>& values) {
  std::vector<std::pair<std::string, std::string>> by_length(values.begin(), values.end());
  std::sort(by_length.begin(), by_length.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [name, value] : by_length) {
    for (const std::string& form : {"${" + name + "}", "$" + name}) {
      for (std::size_t at = expr.find(form); at != std::string::npos;
           at = expr.find(form, at + value.size())) {
        expr.replace(at, form.size(), value);
      }
    }
  }
  return expr;
}

std::optional<LabelValuesQuery> ParseLabelValues(const std::string& query) {
  static const std::regex kForm(R"(^\s*label_values\(\s*(.+?)\s*,\s*(\w+)\s*\)\s*$)");
  std::smatch m;
  if (!std::regex_match(query, m, kForm)) return std::nullopt;
  return LabelValuesQuery{m[1].str(), m[2].str()};
}

}  // namespace shapewatch::testing
