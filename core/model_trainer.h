// Training: cut a signal into windowed segments, cluster them, and calibrate
// the reconstruction error of the model: each half of the signal is
// reconstructed by a model fitted to the other half, so the calibration
// holds errors on unseen data, as scoring will see them.
// Pure; thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/kmeans.h"
#include "core/model.h"
#include "core/result.h"

namespace shapewatch {

struct TrainOptions {
  ShapeParams params;     // L, hop, window, normalisation of the model
  std::size_t slide = 2;  // step between training segments (the blog's 2)
  KMeansOptions kmeans;   // k, n_init, max_iter, tol, seed
  // Share of training segments, the worst reconstructed by a model that did
  // not see them (cross-fitted), left out of the final fit, so that glitches
  // in the training data are not learned as normal shapes. 0 keeps all.
  double exclude_share = 0.03;
  // Pick params.segment_len from the dominant period of the training data
  // (AutoSegmentLength; hop = L/2); keeps params.segment_len when the data
  // has no clear period.
  bool auto_segment_len = false;
  // Leave calibration errors beyond 3x the (1 - exclude_share) quantile out
  // as glitches. A retraining set is already screened by the series' own
  // detector (its flagged hops are excluded samples): what is left was judged
  // normal, rare events included, so retraining keeps them (RetrainOptions).
  bool fence_calibration = true;
  // Train a fine scale beside the model (FineScaleParams: segments a quarter
  // as long or shorter), scored with it (core/fine_scale.h). Training fails
  // soft: without it, the model says why in its notes.
  bool fine_scale = true;
};

// The segment length for a signal with a dominant period: the period / 2
// rounded to an even number in [16, 256]; nullopt when there is no clear
// period (DominantPeriod).
std::optional<std::size_t> AutoSegmentLength(std::span<const double> signal);

// Whether a set whose samples carry these exclusion flags has enough
// segments clear of them to train on (a quarter), cut with `options`' segment
// length as given (not auto) and slide. TrainModel refuses the others; a
// caller checks first to tell a skipped retraining from a failed one.
bool HasEnoughClearSegments(const std::vector<bool>& excluded_samples, const TrainOptions& options);

// `excluded_samples` (empty, or one flag per sample) marks samples not to
// learn from: no segment holding one is clustered, and no hop whose segments
// touch one is calibrated (ExcludedSamples). Fails when the flags do not
// match the samples, when fewer than a quarter of the segments are clear of
// them, or when no hop clear of them is left to calibrate.
// Fails with a message on non-finite samples, invalid parameters, fewer
// samples than one segment, or a nearly constant signal (IsNearlyConstant in
// core/series_stats.h: nothing to learn; callers check it first and treat
// such a series as never anomalous).
Result<Model> TrainModel(std::span<const double> signal, const TrainOptions& options,
                         const std::vector<bool>& excluded_samples = {});

// Reconstructs `signal` with `model`, starting at several phases of the hop
// grid, and collects every hop's RMS error.
ErrorSketch CalibrateErrors(const std::shared_ptr<const Model>& model,
                            std::span<const double> signal);

}  // namespace shapewatch
