// SmoothedScorer: a score for sustained change, in the spirit of Numenta's
// anomaly likelihood. Each hop's surprise is -ln P(history >= its error)
// (from the instant scorer; about Exp(1) when nothing changes, and it keeps
// growing with the error where the instant score saturates). The recent
// average surprise over `window` hops is ranked against its own long-run
// history (an AnomalyScorer: empirical, then a power-law tail), seeded with
// the model's smoothed calibration. One large hop or several moderately
// unusual ones in a row both raise it; it decays once the window has passed.
// Not thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "core/anomaly_scorer.h"
#include "core/error_sketch.h"

namespace shapewatch {

class SmoothedScorer {
 public:
  static constexpr std::size_t kDefaultWindow = 8;

  explicit SmoothedScorer(ErrorSketch history = ErrorSketch(), std::size_t window = kDefaultWindow);

  // -ln of a tail probability; 0 for p >= 1, finite for p > 0.
  static double Surprise(double tail_probability);

  // Adds one hop's surprise to the window; returns the score of the new
  // average against the history, which it does not change.
  double Update(double surprise);

  // Adds the current average to the history with `weight`.
  void Remember(double weight = 1.0);

  // Update, then Remember.
  double Observe(double surprise, double weight = 1.0);

  // The current average surprise (0 before the first hop).
  double average() const { return filled_ ? sum_ / static_cast<double>(filled_) : 0.0; }
  const AnomalyScorer& scorer() const { return scorer_; }

 private:
  std::vector<double> recent_;  // ring buffer of the last `window` surprises
  std::size_t next_ = 0, filled_ = 0;
  double sum_ = 0.0;
  AnomalyScorer scorer_;
};

// The long-run distribution of the windowed average surprise over hop error
// sequences, each ranked against `instant` without updating it: the seed of
// a SmoothedScorer, computed at training time.
ErrorSketch SmoothedCalibration(const ErrorSketch& instant,
                                const std::vector<std::vector<double>>& hop_errors,
                                std::size_t window = SmoothedScorer::kDefaultWindow);

}  // namespace shapewatch
