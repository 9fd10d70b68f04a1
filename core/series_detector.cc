#include "core/series_detector.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace shapewatch {

std::string_view ScoreKindName(ScoreKind kind) {
  return kind == ScoreKind::kSmoothed ? "smoothed" : "instant";
}

std::optional<ScoreKind> ParseScoreKind(std::string_view name) {
  if (name == "instant") return ScoreKind::kInstant;
  if (name == "smoothed") return ScoreKind::kSmoothed;
  return std::nullopt;
}

SeriesDetector::SeriesDetector(std::shared_ptr<const Model> model, DetectorOptions options)
    : reconstructor_(model),
      scorer_(model->calibration),
      flat_run_(model->params.hop),
      flat_runs_(model->flat_calibration),
      smoothed_(model->smoothed_calibration),
      options_(options),
      recent_flags_(std::max<std::size_t>(options.unstable_window, 1), false) {
  if (model->fine_scale) {
    fine_.emplace(model->fine_scale, model->params.hop, model->params.error_statistic);
  }
}

namespace {

// The chance that the smallest of n independent tail probabilities is at
// most their minimum m: a hop is as unusual as its most unusual part,
// corrected for having looked n times.
double CombinedTail(std::initializer_list<double> tails) {
  const double m = std::min(tails);
  return 1.0 - std::pow(1.0 - m, static_cast<double>(tails.size()));
}

}  // namespace

const ScoredHop* SeriesDetector::Push(double value) {
  flat_run_.Push(value);
  if (fine_) fine_->Push(value);
  if (!reconstructor_.Push(value)) return nullptr;
  const Hop& hop = reconstructor_.last_hop();
  const double error = ScoredError(hop, model().params.error_statistic);
  const double run = flat_run_.TakeHopLongest();
  last_.hop = &hop;
  // The runs are ranked against the training data only: a stuck stretch that
  // recurs stays as unusual as training says (retraining refreshes it). A
  // model without run calibration has an empty history, whose tail is 1.
  // The fine scale's block over this hop's samples, ranked the same way.
  const std::optional<double> fine_error =
      fine_ ? fine_->TakeBlock(hop.first_index) : std::optional<double>();
  const double shape_tail = scorer_.Tail(error), run_tail = flat_runs_.Tail(run);
  const double tail = fine_error
                          ? CombinedTail({shape_tail, run_tail, fine_->scorer().Tail(*fine_error)})
                          : CombinedTail({shape_tail, run_tail});
  last_.score = 1.0 - tail;
  const double surprise = SmoothedScorer::Surprise(tail);
  last_.smoothed_score = smoothed_.Update(surprise);
  const double flag_score =
      options_.flag_score == ScoreKind::kSmoothed ? last_.smoothed_score : last_.score;
  last_.anomalous = flag_score >= options_.threshold;
  const double weight = last_.anomalous ? options_.flagged_weight : 1.0;
  if (options_.history_half_life > 0.0) {
    const double factor = std::exp2(-1.0 / options_.history_half_life);
    scorer_.Decay(factor);
    if (fine_) fine_->scorer().Decay(factor);
  }
  scorer_.Add(error, weight);
  if (fine_error) fine_->scorer().Add(*fine_error, weight);
  smoothed_.Remember(weight);
  RecordFlag(last_.anomalous);
  ++hops_;
  return &last_;
}

void SeriesDetector::RecordFlag(bool flagged) {
  if (flags_filled_ == recent_flags_.size()) {
    flags_set_ -= recent_flags_[flags_next_] ? 1 : 0;
  } else {
    ++flags_filled_;
  }
  recent_flags_[flags_next_] = flagged;
  flags_set_ += flagged ? 1 : 0;
  flags_next_ = (flags_next_ + 1) % recent_flags_.size();
}

double SeriesDetector::flagged_share() const {
  if (flags_filled_ == 0) return 0.0;
  return static_cast<double>(flags_set_) / static_cast<double>(flags_filled_);
}

bool SeriesDetector::unstable() const {
  return flags_filled_ == recent_flags_.size() && flagged_share() >= options_.unstable_share;
}

void SeriesDetector::set_options(DetectorOptions options) {
  if (options.unstable_window != options_.unstable_window) {
    recent_flags_.assign(std::max<std::size_t>(options.unstable_window, 1), false);
    flags_next_ = flags_filled_ = flags_set_ = 0;
  }
  options_ = options;
}

}  // namespace shapewatch
