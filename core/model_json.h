// The model file format: versioned JSON
//   {"format": "shapewatch-model", "version": 1, "params": {...},
//    "training": {...}, "calibration": {...}, "smoothed_calibration": {...},
//    "centroids": [[...], ...]}
// smoothed_calibration, flat_calibration and fine_scale are optional when
// reading (older files lack them); fine_scale is a nested model object of the
// same form (core/fine_scale.h) whose hop must divide the model's.
// Parsing validates everything — shape, finite numbers, known window and
// normalisation, consistent calibration — and names the offending field, so
// a corrupt file is reported and never half-loaded. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace shapewatch {

inline constexpr std::string_view kModelFormat = "shapewatch-model";
inline constexpr int kModelVersion = 1;

std::string ModelToJson(const Model& model);
Result<Model> ModelFromJson(std::string_view text);

}  // namespace shapewatch
