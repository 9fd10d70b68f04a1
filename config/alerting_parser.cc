#include "config/alerting_parser.h"

#include <cctype>

#include "config/yaml_section.h"

namespace shapewatch::config_internal {
namespace {

using std::chrono::milliseconds;

milliseconds ReadDuration(const Field& field, milliseconds min) {
  if (!field.node.IsScalar()) Fail(field, "expected a duration like 30s, got " + Quoted(field));
  Result<milliseconds> d = ParseDuration(field.node.Scalar());
  if (!d) Fail(field, d.error());
  if (*d < min) {
    Fail(field, "must be at least " + std::to_string(min.count()) + "ms, got " + Quoted(field));
  }
  return *d;
}

std::vector<HttpUrl> ReadUrls(const Field& list) {
  if (!list.node.IsSequence()) Fail(list, "expected a list of URLs");
  std::vector<HttpUrl> urls;
  for (std::size_t i = 0; i < list.node.size(); ++i) {
    const YAML::Node item = list.node[i];
    Field field{list.file, item, item.Mark(), list.path + "[" + std::to_string(i) + "]"};
    Result<HttpUrl> url = ParseHttpUrl(ReadString(field));
    if (!url) Fail(field, url.error());
    urls.push_back(*url);
  }
  return urls;
}

// Prometheus label names, minus the ones shapewatch sets itself.
void CheckLabelName(const Field& field, const std::string& name) {
  bool ok = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
            !name.starts_with("__");
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!ok) Fail(field, "invalid label name (expected [a-zA-Z_][a-zA-Z0-9_]*)");
  if (name == "alertname" || name == "series") Fail(field, "label is set by shapewatch");
}

std::map<std::string, std::string> ReadLabels(const Field& section) {
  std::map<std::string, std::string> labels;
  if (section.node.IsNull()) return labels;
  if (!section.node.IsMap()) Fail(section, "expected a mapping of label: value");
  for (const auto& entry : section.node) {
    if (!entry.first.IsScalar()) FailAt(section.file, entry.first.Mark(), "expected a label name");
    const std::string name = entry.first.Scalar();
    Field field = ChildField(section, name, entry.first, entry.second);
    CheckLabelName(Field{field.file, entry.first, entry.first.Mark(), field.path}, name);
    const std::string value = ReadString(field);
    if (value.empty()) Fail(field, "empty label value");
    if (!labels.emplace(name, value).second) Fail(field, "duplicate label");
  }
  return labels;
}

void ReadBasicAuth(const Field& section, AlertingConfig& c) {
  const KeySpec keys[] = {
      {"username", [&c](const Field& f) { c.username = ReadString(f); }},
      {"password", [&c](const Field& f) { c.password = ReadString(f); }},
  };
  ReadSection(section, keys);
  if (c.username.empty()) Fail(section, "basic_auth needs a username");
}

}  // namespace

// Adding an alerting setting is one more line here.
AlertingConfig ReadAlerting(const Field& section) {
  AlertingConfig c;
  const milliseconds zero{0}, one{1};
  const KeySpec keys[] = {
      {"alertmanagers", [&c](const Field& f) { c.alertmanagers = ReadUrls(f); }},
      {"labels", [&c](const Field& f) { c.labels = ReadLabels(f); }},
      {"basic_auth", [&c](const Field& f) { ReadBasicAuth(f, c); }},
      {"for", [&](const Field& f) { c.for_duration = ReadDuration(f, zero); }},
      {"recovery", [&](const Field& f) { c.recovery = ReadDuration(f, one); }},
      {"resend_interval", [&](const Field& f) { c.resend_interval = ReadDuration(f, one); }},
      {"queue_capacity", [&c](const Field& f) { c.queue_capacity = ReadCount(f, 1); }},
      {"timeout", [&](const Field& f) { c.timeout = ReadDuration(f, one); }},
  };
  ReadSection(section, keys);
  return c;
}

}  // namespace shapewatch::config_internal
