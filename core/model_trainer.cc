#include "core/model_trainer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/segments.h"
#include "core/streaming_reconstructor.h"
#include "core/window.h"

namespace shapewatch {
namespace {

// Phases of the hop grid that calibration reconstructs the training data at.
constexpr std::size_t kCalibrationPhases = 8;
// Each half of the training data must hold this many segments to be held out.
constexpr std::size_t kMinCrossFitSegments = 16;

void FillSampleStats(std::span<const double> signal, TrainingInfo& info) {
  double sum = 0.0;
  for (double v : signal) sum += v;
  info.mean = sum / static_cast<double>(signal.size());
  double var = 0.0;
  for (double v : signal) var += (v - info.mean) * (v - info.mean);
  info.stddev = std::sqrt(var / static_cast<double>(signal.size()));
  const auto [lo, hi] = std::minmax_element(signal.begin(), signal.end());
  info.min = *lo;
  info.max = *hi;
}

}  // namespace

ErrorSketch CalibrateErrors(const std::shared_ptr<const Model>& model,
                            std::span<const double> signal) {
  // Where the hop grid falls on the signal is arbitrary, so reconstruct from
  // several starting phases: more calibration hops from the same data.
  const std::size_t hop = model->params.hop;
  const std::size_t phase_step = std::max<std::size_t>(1, hop / kCalibrationPhases);
  ErrorSketch sketch;
  for (std::size_t phase = 0; phase < hop && phase < signal.size(); phase += phase_step) {
    StreamingReconstructor reconstructor(model);
    reconstructor.Push(signal.subspan(phase), [&](const Hop& h) { sketch.Add(h.rms_error); });
  }
  return sketch;
}

namespace {

Status ValidateTraining(std::span<const double> signal, const TrainOptions& options) {
  if (std::string bad = ValidateShapeParams(options.params); !bad.empty()) {
    return Status::Fail("invalid model parameters: " + bad);
  }
  if (options.slide == 0) return Status::Fail("slide must be at least 1");
  const std::size_t len = options.params.segment_len;
  if (signal.size() < len) {
    return Status::Fail("need at least one segment of " + std::to_string(len) +
                        " samples to train, got " + std::to_string(signal.size()));
  }
  for (std::size_t i = 0; i < signal.size(); ++i) {
    if (!std::isfinite(signal[i])) {
      return Status::Fail("sample " + std::to_string(i) + " is not a finite number");
    }
  }
  return Status::Ok();
}

// Clusters the signal's segments into a model without calibration.
Result<std::shared_ptr<Model>> FitShapes(std::span<const double> signal,
                                         const TrainOptions& options) {
  const std::vector<double> window = MakeWindow(options.params.window, options.params.segment_len);
  const Matrix segments =
      SlidingSegments(signal, window, options.slide, options.params.normalization);
  Result<KMeansResult> fit = FitKMeans(segments, options.kmeans);
  if (!fit.ok()) return Error{fit.error()};
  auto model = std::make_shared<Model>();
  model->params = options.params;
  model->centroids = std::move(fit->centroids);
  TrainingInfo& info = model->training;
  info.samples = signal.size();
  info.slide = options.slide;
  info.segments = segments.rows();
  info.clusters_requested = options.kmeans.clusters;
  info.n_init = options.kmeans.n_init;
  info.max_iter = options.kmeans.max_iter;
  info.tol = options.kmeans.tol;
  info.seed = options.kmeans.seed;
  info.inertia = fit->inertia;
  info.iterations = fit->iterations;
  info.notes = fit->notes;
  FillSampleStats(signal, info);
  return model;
}

// Errors on data a model has not seen: each half of the signal is
// reconstructed by a model fitted to the other half. In-sample errors are
// optimistic, and a history built from them makes new normal data look
// anomalous. Falls back to in-sample errors when the halves are too short.
ErrorSketch CrossFittedErrors(const std::shared_ptr<const Model>& full,
                              std::span<const double> signal, const TrainOptions& options) {
  const std::size_t half = signal.size() / 2;
  if (half < kMinCrossFitSegments * options.params.segment_len) {
    return CalibrateErrors(full, signal);
  }
  const std::span<const double> first = signal.first(half), second = signal.subspan(half);
  ErrorSketch sketch;
  for (int fold = 0; fold < 2; ++fold) {
    Result<std::shared_ptr<Model>> partial = FitShapes(fold == 0 ? first : second, options);
    if (!partial.ok()) return CalibrateErrors(full, signal);
    const ErrorSketch part = CalibrateErrors(*partial, fold == 0 ? second : first);
    sketch.Merge(part);
  }
  return sketch;
}

}  // namespace

Result<Model> TrainModel(std::span<const double> signal, const TrainOptions& options) {
  if (Status s = ValidateTraining(signal, options); !s.ok()) return Error{s.error()};
  Result<std::shared_ptr<Model>> model = FitShapes(signal, options);
  if (!model.ok()) return Error{model.error()};
  (*model)->calibration = CrossFittedErrors(*model, signal, options);
  return std::move(**model);
}

}  // namespace shapewatch
