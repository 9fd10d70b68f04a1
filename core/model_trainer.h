// Training: cut a signal into windowed segments, cluster them, and calibrate
// the reconstruction error of the model: each half of the signal is
// reconstructed by a model fitted to the other half, so the calibration
// holds errors on unseen data, as scoring will see them.
// Pure; thread-safe.
#pragma once

#include <memory>
#include <span>

#include "core/kmeans.h"
#include "core/model.h"
#include "core/result.h"

namespace shapewatch {

struct TrainOptions {
  ShapeParams params;        // L, hop, window, normalisation of the model
  std::size_t slide = 2;     // step between training segments (the blog's 2)
  KMeansOptions kmeans;      // k, n_init, max_iter, tol, seed
};

// Fails with a message on non-finite samples, invalid parameters, or fewer
// samples than one segment.
Result<Model> TrainModel(std::span<const double> signal, const TrainOptions& options);

// Reconstructs `signal` with `model`, starting at several phases of the hop
// grid, and collects every hop's RMS error.
ErrorSketch CalibrateErrors(const std::shared_ptr<const Model>& model,
                            std::span<const double> signal);

}  // namespace shapewatch
