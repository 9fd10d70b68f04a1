// Internal to config/: the `series:` list of rules.
#pragma once

#include <vector>

#include "config/daemon_config.h"
#include "config/yaml_reader.h"

namespace shapewatch::config_internal {

// Reads a non-empty list of rules. Each omitted setting keeps SeriesRule's
// default, except `hop`, which defaults to segment_len / 2. A relative model
// path is taken relative to the directory of `list.file`.
std::vector<SeriesRule> ReadSeriesRules(const Field& list);

}  // namespace shapewatch::config_internal
