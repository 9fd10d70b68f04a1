// Loading a model file written by `shapewatch train`.
#pragma once

#include <string>

#include "core/model.h"
#include "core/result.h"

namespace shapewatch::tool {

// Reads and validates the model; errors start with the path.
Result<Model> LoadModelFile(const std::string& path);

}  // namespace shapewatch::tool
