// Internal to config/: the `alerting:` section.
#pragma once

#include "config/alerting_config.h"
#include "config/yaml_reader.h"

namespace shapewatch::config_internal {

// Reads the section; omitted settings keep AlertingConfig's defaults.
AlertingConfig ReadAlerting(const Field& section);

}  // namespace shapewatch::config_internal
