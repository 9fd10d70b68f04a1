// Internal to config/: loading the one YAML document of a configuration file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>

namespace shapewatch::config_internal {

// The file's only document (null when the file is empty). A second document
// is a ConfigError; syntax errors throw YAML::ParserException.
YAML::Node LoadSingleDocument(std::string_view yaml, std::string_view file);

}  // namespace shapewatch::config_internal
