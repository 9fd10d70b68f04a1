// ParseDaemonConfig: the document's top level, `listen:` and `limits:`; the
// `series:` rules are in series_rule_parser.cc.
#include <yaml-cpp/depthguard.h>

#include <vector>

#include "config/alerting_parser.h"
#include "config/daemon_config.h"
#include "config/series_rule_parser.h"
#include "config/yaml_document.h"
#include "config/yaml_reader.h"
#include "config/yaml_section.h"

namespace shapewatch {
namespace {

using config_internal::ConfigError;
using config_internal::Field;
using config_internal::KeySpec;

ListenAddress ReadAddress(const Field& field) {
  Result<ListenAddress> address = ParseListenAddress(config_internal::ReadString(field));
  if (!address) config_internal::Fail(field, address.error());
  return *address;
}

double ReadGapFactor(const Field& field) {
  double value = config_internal::ReadNumber(field);
  if (!(value > 1.0)) {
    config_internal::Fail(field, "must be greater than 1, got " + config_internal::Quoted(field));
  }
  return value;
}

void ReadListen(const Field& section, DaemonConfig& c) {
  using config_internal::ReadBool;
  const KeySpec keys[] = {
      {"graphite", [&c](const Field& f) { c.graphite_tcp = c.graphite_udp = ReadAddress(f); }},
      {"graphite_udp", [&c](const Field& f) { c.graphite_udp_enabled = ReadBool(f); }},
      {"metrics", [&c](const Field& f) { c.metrics = ReadAddress(f); }},
  };
  config_internal::ReadSection(section, keys);
}

void ReadLimits(const Field& section, DaemonConfig& c) {
  using config_internal::ReadCount;
  const KeySpec keys[] = {
      {"queue_capacity", [&c](const Field& f) { c.queue_capacity = ReadCount(f, 1); }},
      {"max_series", [&c](const Field& f) { c.max_series = ReadCount(f, 1); }},
      {"max_line_length", [&c](const Field& f) { c.max_line_length = ReadCount(f, 1); }},
  };
  config_internal::ReadSection(section, keys);
}

// Adding a top-level setting or section is one more line here.
void ReadTopLevel(const Field& document, DaemonConfig& c) {
  using config_internal::ReadString;
  const KeySpec keys[] = {
      {"listen", [&c](const Field& f) { ReadListen(f, c); }},
      {"state_dir", [&c](const Field& f) { c.state_dir = ReadString(f); }},
      {"limits", [&c](const Field& f) { ReadLimits(f, c); }},
      {"gap_factor", [&c](const Field& f) { c.gap_factor = ReadGapFactor(f); }},
      {"series", [&c](const Field& f) { c.rules = config_internal::ReadSeriesRules(f); }},
      {"alerting", [&c](const Field& f) { c.alerting = config_internal::ReadAlerting(f); }},
  };
  config_internal::ReadSection(document, keys);
}

DaemonConfig ParseDocument(std::string_view yaml, std::string_view file) {
  Field document{file, config_internal::LoadSingleDocument(yaml, file), YAML::Mark(), ""};
  if (!document.node.IsNull() && !document.node.IsMap()) {
    config_internal::FailAt(file, document.node.Mark(),
                            "expected a mapping of settings (key: value)");
  }
  DaemonConfig config = DefaultConfig();
  config.source = std::string(file);
  ReadTopLevel(document, config);
  return config;
}

}  // namespace

Result<DaemonConfig> ParseDaemonConfig(std::string_view yaml, std::string_view file_name) {
  try {
    return ParseDocument(yaml, file_name);
  } catch (const ConfigError& e) {
    return Error{e.what()};
  } catch (const YAML::DeepRecursion& e) {
    return Error{config_internal::Where(file_name, e.mark) + ": nested too deeply (more than " +
                 std::to_string(e.depth()) + " levels)"};
  } catch (const YAML::Exception& e) {
    return Error{config_internal::Where(file_name, e.mark) + ": " + e.msg};
  } catch (const std::exception& e) {
    // A reload must not take the daemon down; report whatever else escaped.
    return Error{std::string(file_name) + ": " + e.what()};
  }
}

}  // namespace shapewatch
