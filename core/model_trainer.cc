#include "core/model_trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "core/fine_scale.h"
#include "core/flat_run.h"
#include "core/segments.h"
#include "core/series_stats.h"
#include "core/smoothed_scorer.h"
#include "core/streaming_reconstructor.h"
#include "core/training_exclusion.h"
#include "core/window.h"

namespace shapewatch {
namespace {

// Phases of the hop grid that calibration reconstructs the training data at.
constexpr std::size_t kCalibrationPhases = 8;
// Each half of the training data must hold this many segments to be held out.
constexpr std::size_t kMinCrossFitSegments = 16;
constexpr std::size_t kMinAutoLen = 16, kMaxAutoLen = 256;
// A set with excluded samples trains only when at least this share of its
// segments is clear of them. One flagged hop touches about three hops'
// worth of segments, so this refuses sets with roughly a quarter of their
// hops flagged, beyond unstable_share's default 0.2 (that series relearns).
constexpr double kMinClearShare = 0.25;

// `clear`: SegmentsClearOf's flags, empty when nothing is excluded.
bool EnoughClear(const std::vector<bool>& clear) {
  const auto clear_count = std::count(clear.begin(), clear.end(), true);
  return clear.empty() ||
         static_cast<double>(clear_count) >= kMinClearShare * static_cast<double>(clear.size());
}

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

// Hop errors of `signal` reconstructed by `model`, one sequence per phase of
// the hop grid and stretch between excluded samples; a hop whose segments
// touch an excluded sample is left out of the sequences (`on_phase0` still
// sees it). `offset` is where `signal` starts in `excluded`.
template <typename OnPhase0Hop>
std::vector<std::vector<double>> PhaseErrors(const std::shared_ptr<const Model>& model,
                                             std::span<const double> signal,
                                             const ExcludedSamples& excluded, std::size_t offset,
                                             OnPhase0Hop&& on_phase0) {
  // Where the hop grid falls on the signal is arbitrary, so reconstruct from
  // several starting phases: more calibration hops from the same data.
  const std::size_t hop = model->params.hop, len = model->params.segment_len;
  const std::size_t phase_step = std::max<std::size_t>(1, hop / kCalibrationPhases);
  const ErrorStatistic statistic = model->params.error_statistic;
  std::vector<std::vector<double>> sequences;
  for (std::size_t phase = 0; phase < hop && phase < signal.size(); phase += phase_step) {
    StreamingReconstructor reconstructor(model);
    sequences.emplace_back();
    reconstructor.Push(signal.subspan(phase), [&](const Hop& h) {
      // The segments that reconstruct the hop span [start - (L - hop), start + L).
      const std::size_t start = offset + phase + static_cast<std::size_t>(h.first_index);
      if (phase == 0) on_phase0(h);
      if (excluded.AnyIn(start - std::min(start, len - hop), start + len)) {
        if (!sequences.back().empty()) sequences.emplace_back();
        return;
      }
      sequences.back().push_back(ScoredError(h, statistic));
    });
    if (sequences.back().empty()) sequences.pop_back();
  }
  return sequences;
}

}  // namespace

ErrorSketch CalibrateErrors(const std::shared_ptr<const Model>& model,
                            std::span<const double> signal) {
  ErrorSketch sketch;
  for (const auto& sequence : PhaseErrors(model, signal, ExcludedSamples(), 0, [](const Hop&) {})) {
    for (double e : sequence) sketch.Add(e);
  }
  return sketch;
}

std::optional<std::size_t> AutoSegmentLength(std::span<const double> signal) {
  const std::optional<std::size_t> period =
      DominantPeriod(signal, kMinAutoLen, std::min(4 * kMaxAutoLen, signal.size() / 4));
  if (!period) return std::nullopt;
  const std::size_t len = (*period / 2 + 1) / 2 * 2;
  return std::clamp(len, kMinAutoLen, kMaxAutoLen);
}

namespace {

Status ValidateTraining(std::span<const double> signal, const TrainOptions& options) {
  if (std::string bad = ValidateShapeParams(options.params); !bad.empty()) {
    return Status::Fail("invalid model parameters: " + bad);
  }
  if (options.slide == 0) return Status::Fail("slide must be at least 1");
  if (!(options.exclude_share >= 0.0 && options.exclude_share < 0.5)) {
    return Status::Fail("exclude_share must be in [0, 0.5)");
  }
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
  if (IsNearlyConstant(signal)) {
    return Status::Fail("constant series: all " + std::to_string(signal.size()) +
                        " samples are (nearly) equal, there are no shapes to learn");
  }
  return Status::Ok();
}

// Clusters the signal's segments (those `keep` allows, all when empty) into
// a model without calibration.
Result<std::shared_ptr<Model>> FitShapes(std::span<const double> signal,
                                         const TrainOptions& options,
                                         const std::vector<bool>& keep = {}) {
  const std::vector<double> window = MakeWindow(options.params.window, options.params.segment_len);
  Matrix segments = SlidingSegments(signal, window, options.slide, options.params.normalization);
  if (!keep.empty()) {
    if (std::none_of(keep.begin(), keep.end(), [](bool k) { return k; })) {
      return Error{"all " + std::to_string(segments.rows()) +
                   " segments are left out (excluded or worst reconstructed); nothing to learn"};
    }
    segments = KeepRows(segments, keep);
  }
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

struct HeldOutErrors {
  std::vector<std::vector<double>> sequences;  // hop errors per fold and phase
  std::vector<double> sample_error;            // per sample: its phase-0 hop's error
};

// Errors on data a model has not seen: each half of the signal is
// reconstructed by a model fitted to the other half. In-sample errors are
// optimistic, and a history built from them makes new normal data look
// anomalous. Falls back to in-sample errors when the halves are too short.
HeldOutErrors CrossFittedErrors(const std::shared_ptr<const Model>& full,
                                std::span<const double> signal, const ExcludedSamples& excluded,
                                const TrainOptions& options) {
  HeldOutErrors out;
  out.sample_error.assign(signal.size(), 0.0);
  const ErrorStatistic statistic = options.params.error_statistic;
  const auto record = [&](std::size_t offset) {
    return [&out, offset, statistic](const Hop& h) {
      const std::size_t first = offset + static_cast<std::size_t>(h.first_index);
      std::fill_n(out.sample_error.begin() + static_cast<std::ptrdiff_t>(first), h.values.size(),
                  ScoredError(h, statistic));
    };
  };
  const std::size_t half = signal.size() / 2;
  if (half >= kMinCrossFitSegments * options.params.segment_len) {
    const std::span<const double> first = signal.first(half), second = signal.subspan(half);
    const std::size_t len = options.params.segment_len, slide = options.slide;
    Result<std::shared_ptr<Model>> a =
        FitShapes(first, options, SegmentsClearOf(excluded, 0, half, len, slide));
    Result<std::shared_ptr<Model>> b =
        FitShapes(second, options, SegmentsClearOf(excluded, half, second.size(), len, slide));
    if (a.ok() && b.ok()) {
      out.sequences = PhaseErrors(*b, first, excluded, 0, record(0));
      for (auto& s : PhaseErrors(*a, second, excluded, half, record(half))) {
        out.sequences.push_back(std::move(s));
      }
      return out;
    }
  }
  out.sequences = PhaseErrors(full, signal, excluded, 0, record(0));
  return out;
}

ErrorSketch SketchOf(const HeldOutErrors& held_out, double fence) {
  ErrorSketch sketch;
  for (const auto& sequence : held_out.sequences) {
    for (double e : sequence) {
      if (e <= fence) sketch.Add(e);
    }
  }
  return sketch;
}

// Calibration errors above this are glitches in the training data, not its
// normal tail: kept, they would make the same glitch look ordinary later.
// kFenceFactor x the (1 - exclude_share) quantile; no fence without exclusion.
constexpr double kFenceFactor = 3.0;
// `unfenced`: every calibration error.
double CalibrationFence(const ErrorSketch& unfenced, double share) {
  if (!(share > 0.0)) return std::numeric_limits<double>::infinity();
  return kFenceFactor * unfenced.Quantile(1.0 - share);
}

// The fine scale of `model`, trained on the same samples with the same
// exclusions; its calibration is the block errors, fenced as the model's is.
void AttachFineScale(Model& model, std::span<const double> signal, const TrainOptions& options,
                     const std::vector<bool>& excluded_samples, const ExcludedSamples& excluded) {
  const std::optional<ShapeParams> params = FineScaleParams(model.params);
  if (!params) return;
  TrainOptions fine_options = options;
  fine_options.params = *params;
  fine_options.auto_segment_len = false;
  fine_options.fine_scale = false;
  Result<Model> trained = TrainModel(signal, fine_options, excluded_samples);
  if (!trained.ok()) {
    model.training.notes.push_back("no fine scale: " + trained.error());
    return;
  }
  for (const std::string& note : trained->training.notes) {
    model.training.notes.push_back("fine scale: " + note);
  }
  auto fine = std::make_shared<Model>(std::move(*trained));
  std::vector<double> errors =
      BlockErrors(fine, signal, model.params.hop, model.params.error_statistic, excluded);
  double fence = std::numeric_limits<double>::infinity();
  if (options.fence_calibration && !errors.empty()) {
    ErrorSketch unfenced;
    for (double e : errors) unfenced.Add(e);
    fence = CalibrationFence(unfenced, options.exclude_share);
  }
  ErrorSketch calibration;
  for (double e : errors) {
    if (e <= fence) calibration.Add(e);
  }
  if (calibration.total() == 0.0) {
    model.training.notes.push_back("no fine scale: no block clear of excluded samples");
    return;
  }
  fine->calibration = std::move(calibration);
  fine->smoothed_calibration = ErrorSketch();
  fine->flat_calibration = ErrorSketch();
  model.fine_scale = std::move(fine);
}

}  // namespace

bool HasEnoughClearSegments(const std::vector<bool>& excluded_samples,
                            const TrainOptions& options) {
  return EnoughClear(SegmentsClearOf(ExcludedSamples(excluded_samples), 0, excluded_samples.size(),
                                     options.params.segment_len, options.slide));
}

Result<Model> TrainModel(std::span<const double> signal, const TrainOptions& given,
                         const std::vector<bool>& excluded_samples) {
  TrainOptions options = given;
  if (options.auto_segment_len) {
    if (std::optional<std::size_t> len = AutoSegmentLength(signal)) {
      options.params.segment_len = *len;
      options.params.hop = *len / 2;
    }
  }
  if (Status s = ValidateTraining(signal, options); !s.ok()) return Error{s.error()};
  if (!excluded_samples.empty() && excluded_samples.size() != signal.size()) {
    return Error{"excluded samples: " + std::to_string(excluded_samples.size()) + " flags for " +
                 std::to_string(signal.size()) + " samples"};
  }
  const ExcludedSamples excluded(excluded_samples);
  const std::size_t len = options.params.segment_len;
  const std::vector<bool> clear = SegmentsClearOf(excluded, 0, signal.size(), len, options.slide);
  if (!EnoughClear(clear)) {
    const auto clear_count = std::count(clear.begin(), clear.end(), true);
    return Error{"only " + std::to_string(clear_count) + " of " + std::to_string(clear.size()) +
                 " training segments are clear of excluded samples (flagged hops, gaps); need a "
                 "quarter"};
  }
  Result<std::shared_ptr<Model>> model = FitShapes(signal, options, clear);
  if (!model.ok()) return Error{model.error()};
  const HeldOutErrors held_out = CrossFittedErrors(*model, signal, excluded, options);
  if (options.exclude_share > 0.0) {
    const std::vector<bool> keep = BothKeep(
        SegmentsToKeep(held_out.sample_error, len, options.slide, options.exclude_share, clear),
        clear);
    Result<std::shared_ptr<Model>> refit = FitShapes(signal, options, keep);
    if (refit.ok()) model = std::move(refit);
  }
  const double fence =
      options.fence_calibration
          ? CalibrationFence(SketchOf(held_out, std::numeric_limits<double>::infinity()),
                             options.exclude_share)
          : std::numeric_limits<double>::infinity();
  (*model)->calibration = SketchOf(held_out, fence);
  if (excluded.any() && (*model)->calibration.total() == 0.0) {
    return Error{"no hop clear of excluded samples (flagged hops, gaps) is left to calibrate"};
  }
  (*model)->smoothed_calibration = SmoothedCalibration((*model)->calibration, held_out.sequences);
  (*model)->flat_calibration =
      FlatRunCalibration(signal, options.params.segment_len, options.params.hop, excluded);
  if (options.fine_scale) AttachFineScale(**model, signal, options, excluded_samples, excluded);
  return std::move(**model);
}

}  // namespace shapewatch
