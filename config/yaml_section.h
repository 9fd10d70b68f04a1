// Internal to config/: reading a YAML mapping through a table of the keys it
// may hold, so that a new setting is one more table entry and every section
// rejects unknown (misspelt) and duplicate keys the same way.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "config/yaml_reader.h"

namespace shapewatch::config_internal {

struct KeySpec {
  std::string_view key;
  std::function<void(const Field&)> read;  // stores the value or throws ConfigError
};

// The fields a section held, by key, for checks that involve several keys.
using SeenFields = std::map<std::string, Field, std::less<>>;

// Calls the reader of each key of `section` in file order. An empty section
// (null) holds nothing; anything but a mapping, an unknown key or a repeated
// key fails.
SeenFields ReadSection(const Field& section, std::span<const KeySpec> specs);

// The child field of `parent` named `name` ("listen" + "metrics" ->
// "listen.metrics"), positioned at `value`, or at `key` when the value is
// empty.
Field ChildField(const Field& parent, std::string name, const YAML::Node& key,
                 const YAML::Node& value);

// The mark of `key` if the section held it, else of the section itself.
YAML::Mark MarkOf(const SeenFields& seen, std::string_view key, const Field& section);

}  // namespace shapewatch::config_internal
