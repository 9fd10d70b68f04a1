// Test-only helper: a small model trained on the bundled ECG (k=20, one
// restart), quick enough for every test that needs "a real model".
#pragma once

#include <memory>

#include "core/model_trainer.h"
#include "tests/core/ecg_data.h"

namespace shapewatch::testing {

inline std::shared_ptr<const Model> SmallEcgModel(
    Normalization normalization = Normalization::kNone, WindowKind window = WindowKind::kHann,
    std::size_t hop = 16) {
  const std::vector<double> ecg = LoadDataCsv(EcgPath(SHAPEWATCH_TEST_DATA_DIR), 4096);
  TrainOptions options;
  options.params.window = window;
  options.params.normalization = normalization;
  options.params.hop = hop;
  options.kmeans.clusters = 20;
  options.kmeans.n_init = 1;
  return std::make_shared<const Model>(*TrainModel(ecg, options));
}

}  // namespace shapewatch::testing
