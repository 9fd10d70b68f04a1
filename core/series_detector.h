// SeriesDetector: everything that happens to one series' samples once it has
// a model — streaming reconstruction, scoring of each final hop against the
// series' error history (instant and smoothed scores), the anomaly flag and
// the unstable state. The daemon and the `shapewatch replay` tool both drive
// exactly this class, so they agree sample for sample. Not thread-safe; one
// instance per series.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/anomaly_scorer.h"
#include "core/fine_scale.h"
#include "core/flat_run.h"
#include "core/smoothed_scorer.h"
#include "core/streaming_reconstructor.h"

namespace shapewatch {

// kInstant ranks each hop's error on its own; kSmoothed ranks the average
// surprise of the last few hops (SmoothedScorer).
enum class ScoreKind { kInstant, kSmoothed };
std::string_view ScoreKindName(ScoreKind kind);
std::optional<ScoreKind> ParseScoreKind(std::string_view name);

struct DetectorOptions {
  // A hop is anomalous when its score is at least this. 0.999 means: rarer
  // than one hop in a thousand of this series' history.
  double threshold = 0.999;
  // Which score the threshold applies to. Default instant: see
  // tests/eval/README.md for the measurements behind the choice.
  ScoreKind flag_score = ScoreKind::kInstant;
  // Weight with which a flagged hop's error joins the history (unflagged
  // hops: 1). Below 1, a burst of anomalies does not teach the history that
  // anomalies are normal; 1 lets a lasting change become normal sooner.
  double flagged_weight = 1.0;
  // Half-life, in hops, of an error's weight in the history (exponential
  // forgetting: the history follows a series that drifts, and the training
  // calibration fades). 0 never forgets.
  double history_half_life = 0.0;
  // The series is unstable when at least this share of the last
  // `unstable_window` hops were flagged (once that many hops were scored).
  double unstable_share = 0.2;
  std::size_t unstable_window = 512;
};

struct ScoredHop {
  const Hop* hop = nullptr;  // valid until the next Push/Reset
  // Instant: 1 - P(history >= this hop's error), combined with the rank of
  // the hop's longest run of repeated samples among the training data's
  // (FlatRun) and, when the model has one, the fine scale's error over the
  // hop's samples against its history (FineScaleScorer; weighted and decayed
  // as the hop's own error is): the hop is as unusual as the most unusual of
  // them, corrected for looking more than once.
  double score = 0.0;
  double smoothed_score = 0.0;  // of the recent average surprise
  bool anomalous = false;       // the flag_score >= threshold
};

class SeriesDetector {
 public:
  // The error histories start as the model's training calibrations.
  SeriesDetector(std::shared_ptr<const Model> model, DetectorOptions options);

  // Adds one sample; returns the scored hop if one became final, else nullptr.
  const ScoredHop* Push(double value);

  // The scores and flag of the latest hop (0 / false before the first).
  double score() const { return last_.score; }
  double smoothed_score() const { return last_.smoothed_score; }
  bool anomalous() const { return last_.anomalous; }
  std::uint64_t hops() const { return hops_; }

  // Share of the last unstable_window hops that were flagged (of those
  // scored so far), and whether it reached unstable_share over a full window.
  // An unstable series should be relearned rather than alert on.
  double flagged_share() const;
  bool unstable() const;

  void Reset() {
    reconstructor_.Reset();
    flat_run_.Reset();
    if (fine_) fine_->Reset();
  }

  const AnomalyScorer& scorer() const { return scorer_; }
  const SmoothedScorer& smoothed_scorer() const { return smoothed_; }
  const Model& model() const { return reconstructor_.model(); }
  const std::shared_ptr<const Model>& shared_model() const { return reconstructor_.shared_model(); }
  const DetectorOptions& options() const { return options_; }
  void set_options(DetectorOptions options);

 private:
  void RecordFlag(bool flagged);

  StreamingReconstructor reconstructor_;
  AnomalyScorer scorer_;
  std::optional<FineScaleScorer> fine_;  // when the model has a fine scale
  FlatRunTracker flat_run_;
  AnomalyScorer flat_runs_;  // the model's flat_calibration, never updated (may be empty)
  SmoothedScorer smoothed_;
  DetectorOptions options_;
  ScoredHop last_;
  std::uint64_t hops_ = 0;
  std::vector<bool> recent_flags_;  // ring buffer, unstable_window long
  std::size_t flags_next_ = 0, flags_filled_ = 0, flags_set_ = 0;
};

}  // namespace shapewatch
