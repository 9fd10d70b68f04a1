// AnomalyScorer: turns a hop's reconstruction error into a score in [0, 1]
// that says how unusual it is against this series' own error history, so
// that one threshold means the same on every series.
//
// score = 1 - P(history error >= e), with the empirical distribution of the
// history (an ErrorSketch). Beyond the largest error ever seen the tail
// continues as a power law fitted to the upper tail (Hill estimator), so the
// score keeps rising: an error far beyond anything seen scores higher than
// one just beyond it. Observe() scores first and then adds the error to the
// history, so a score never uses the error it is scoring. Not thread-safe.
#pragma once

#include <limits>

#include "core/error_sketch.h"

namespace shapewatch {

class AnomalyScorer {
 public:
  AnomalyScorer() = default;
  explicit AnomalyScorer(ErrorSketch history) : history_(std::move(history)) {}

  // Score of `error` against the history, without changing it: 1 - Tail.
  double Score(double error) const { return 1.0 - Tail(error); }

  // P(history >= error) with the power-law tail beyond the largest error:
  // unlike Score it does not round to 1 for huge errors. 1 for error <= 0 or
  // an empty history.
  double Tail(double error) const;

  // Scores `error`, then adds it to the history with `weight`.
  double Observe(double error, double weight);

  // Scores `error`, then adds it to the history.
  double Observe(double error);

  // Adds `error` to the history without scoring it.
  void Add(double error, double weight = 1.0) {
    if (error >= 0.0 && error < std::numeric_limits<double>::infinity()) {
      history_.Add(error, weight);
    }
  }

  // Weighs the whole history by `factor` in (0, 1] (ErrorSketch::Decay).
  void Decay(double factor) { history_.Decay(factor); }

  const ErrorSketch& history() const { return history_; }

 private:
  double TailExponent() const;

  ErrorSketch history_;
};

}  // namespace shapewatch
