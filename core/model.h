// Model: a library of normal shapes (centroids) plus everything needed to use
// them — segment length, hop, window, normalisation — the training statistics,
// and the calibration of the reconstruction error on the training data.
//
// Plain value. Detectors share one immutable Model through
// std::shared_ptr<const Model>, so reading it from several threads is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error_sketch.h"
#include "core/matrix.h"
#include "core/segments.h"
#include "core/window.h"

namespace shapewatch {

// The per-hop error that scoring ranks and training calibrates. kRms:
// sqrt(mean(error^2)) over the hop (the blog's). kRmsMax: the mean of that
// and the largest |error| in the hop, so that one bad sample among good ones
// is not averaged away (measured in tests/eval/README.md).
enum class ErrorStatistic { kRms, kRmsMax };
std::string_view ErrorStatisticName(ErrorStatistic statistic);
std::optional<ErrorStatistic> ParseErrorStatistic(std::string_view name);

struct ShapeParams {
  std::size_t segment_len = 32;  // L, samples per segment
  std::size_t hop = 16;          // detection hop; divides L, at most L/2
  WindowKind window = WindowKind::kHann;
  // kCenter: level drift is not a new shape (tests/eval/README.md).
  Normalization normalization = Normalization::kCenter;
  // Model files without it were calibrated with kRms and load as kRms.
  ErrorStatistic error_statistic = ErrorStatistic::kRmsMax;
};

struct TrainingInfo {
  std::size_t samples = 0;             // training samples used
  std::size_t slide = 2;               // step between training segments
  std::size_t segments = 0;            // segments clustered
  std::size_t clusters_requested = 0;  // k asked for
  std::size_t n_init = 0;
  std::size_t max_iter = 0;
  double tol = 0.0;
  std::uint64_t seed = 0;
  double inertia = 0.0;
  std::size_t iterations = 0;
  double mean = 0.0, stddev = 0.0, min = 0.0, max = 0.0;  // of the samples
  std::vector<std::string> notes;                         // e.g. why k was lowered
};

struct Model {
  ShapeParams params;
  Matrix centroids;  // clusters x segment_len, windowed (and unit if kUnit)
  TrainingInfo training;
  ErrorSketch calibration;  // hop errors of the training data
  // Windowed average surprise of those hops (SmoothedScorer's seed); empty
  // in models written before the smoothed score existed.
  ErrorSketch smoothed_calibration;
  // Per-hop longest runs of exactly repeated samples in the training data
  // (FlatRun); empty in models written before stuck values were scored,
  // which then score the reconstruction error alone.
  ErrorSketch flat_calibration;
  // The fine scale (core/fine_scale.h): a model of shorter segments whose
  // hop divides this one's, its `calibration` holding errors per block of
  // this model's hop; its own fine_scale and smoothed and flat calibrations
  // are empty. Null in models trained without one or written before it.
  std::shared_ptr<const Model> fine_scale;
};

// Checks that `params` are usable: L >= 2, hop >= 1, hop <= L/2, L % hop == 0.
std::string ValidateShapeParams(const ShapeParams& params);  // "" when valid

}  // namespace shapewatch
