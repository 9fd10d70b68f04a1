#include "core/anomaly_scorer.h"

#include <algorithm>
#include <cmath>

namespace shapewatch {
namespace {
// Share of the history treated as its upper tail when fitting the exponent.
constexpr double kTailShare = 0.02;
// Bounds on the fitted power-law exponent: below 0.5 one outlier would make
// everything after it look ordinary; above 3 the score would reach 1.0 in
// double precision a few times beyond the largest error seen.
constexpr double kMinExponent = 0.5;
constexpr double kMaxExponent = 3.0;
}  // namespace

double AnomalyScorer::Tail(double error) const {
  const double n = history_.total();
  if (!(error > 0.0) || n <= 0.0) return 1.0;
  const double top = history_.MaxEdge();
  // With n past errors the new one is one of n + 1: the largest gets 1/(n+1).
  if (error <= top) {
    const double at_least = history_.FractionAtLeast(error) * n;
    return (at_least + 1.0) / (n + 1.0);
  }
  return std::pow(top / error, TailExponent()) / (n + 1.0);
}

double AnomalyScorer::Observe(double error) { return Observe(error, 1.0); }

double AnomalyScorer::Observe(double error, double weight) {
  const double s = Score(error);
  if (std::isfinite(error)) history_.Add(std::max(error, 0.0), weight);
  return s;
}

double AnomalyScorer::TailExponent() const {
  const auto& counts = history_.counts();
  const double want = std::max(1.0, kTailShare * history_.total());
  double mass = 0.0, weighted_log = 0.0;
  std::size_t i = counts.size();
  while (i-- > 0 && mass < want) {
    if (counts[i] <= 0.0) continue;
    const auto index = history_.min_index() + static_cast<std::int32_t>(i);
    const double mid =
        0.5 * (std::log(history_.BucketLow(index)) + std::log(history_.BucketHigh(index)));
    weighted_log += counts[i] * mid;
    mass += counts[i];
  }
  if (mass <= 0.0) return kMaxExponent;
  const double floor_log =
      std::log(history_.BucketLow(history_.min_index() + static_cast<std::int32_t>(i + 1)));
  const double hill = weighted_log / mass - floor_log;
  if (!(hill > 0.0)) return kMaxExponent;
  return std::clamp(1.0 / hill, kMinExponent, kMaxExponent);
}

}  // namespace shapewatch
