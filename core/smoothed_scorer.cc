#include "core/smoothed_scorer.h"

#include <algorithm>
#include <cmath>

namespace shapewatch {

SmoothedScorer::SmoothedScorer(ErrorSketch history, std::size_t window)
    : recent_(std::max<std::size_t>(window, 1), 0.0), scorer_(std::move(history)) {}

double SmoothedScorer::Surprise(double tail_probability) {
  if (!(tail_probability < 1.0)) return 0.0;
  return -std::log(std::max(tail_probability, 1e-300));
}

double SmoothedScorer::Update(double surprise) {
  // Recompute the sum from the buffer now and then, so rounding cannot drift.
  sum_ += surprise - recent_[next_];
  recent_[next_] = surprise;
  next_ = (next_ + 1) % recent_.size();
  filled_ = std::min(filled_ + 1, recent_.size());
  if (next_ == 0) {
    sum_ = 0.0;
    for (double s : recent_) sum_ += s;
  }
  return scorer_.Score(average());
}

void SmoothedScorer::Remember(double weight) { scorer_.Add(average(), weight); }

double SmoothedScorer::Observe(double surprise, double weight) {
  const double score = Update(surprise);
  Remember(weight);
  return score;
}

ErrorSketch SmoothedCalibration(const ErrorSketch& instant,
                                const std::vector<std::vector<double>>& hop_errors,
                                std::size_t window) {
  const AnomalyScorer ranker(instant);
  ErrorSketch sketch(instant.accuracy(), instant.max_buckets());
  for (const std::vector<double>& sequence : hop_errors) {
    SmoothedScorer fresh(ErrorSketch(instant.accuracy(), instant.max_buckets()), window);
    for (double e : sequence) fresh.Observe(SmoothedScorer::Surprise(ranker.Tail(e)));
    sketch.Merge(fresh.scorer().history());
  }
  return sketch;
}

}  // namespace shapewatch
