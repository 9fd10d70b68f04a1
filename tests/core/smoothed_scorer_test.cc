#include "core/smoothed_scorer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace shapewatch {
namespace {

// Surprises of a calibrated instant score are about Exp(1): -ln(U).
double UniformAt(std::size_t i) { return (static_cast<double>((i * 7919) % 1000) + 0.5) / 1000.0; }

SmoothedScorer Warmed(std::size_t hops) {
  SmoothedScorer s;
  for (std::size_t i = 0; i < hops; ++i) s.Observe(SmoothedScorer::Surprise(UniformAt(i)));
  return s;
}

TEST(SmoothedScorer, SurpriseIsZeroForCertainAndGrowsWithoutBound) {
  EXPECT_EQ(SmoothedScorer::Surprise(1.0), 0.0);
  EXPECT_NEAR(SmoothedScorer::Surprise(std::exp(-3.0)), 3.0, 1e-12);
  EXPECT_GT(SmoothedScorer::Surprise(1e-200), SmoothedScorer::Surprise(1e-100));
  EXPECT_TRUE(std::isfinite(SmoothedScorer::Surprise(0.0)));
}

TEST(SmoothedScorer, RisesOnSustainedChangeAndDecaysAfter) {
  SmoothedScorer s = Warmed(5000);
  double ordinary = 0.0;
  for (std::size_t i = 0; i < 200; ++i) {
    ordinary = std::max(ordinary, s.Observe(SmoothedScorer::Surprise(UniformAt(i + 5000))));
  }
  EXPECT_LT(ordinary, 0.9995);
  // Moderately unusual hops in a row (each only p = 0.02, instant ~0.98).
  double during = 0.0;
  for (int i = 0; i < 16; ++i) during = std::max(during, s.Observe(SmoothedScorer::Surprise(0.02)));
  EXPECT_GT(during, 0.999);
  double after = 1.0;
  for (std::size_t i = 0; i < 64; ++i) after = s.Observe(SmoothedScorer::Surprise(UniformAt(i)));
  EXPECT_LT(after, 0.99);
}

TEST(SmoothedScorer, CalibrationOfOrdinaryErrorsRanksOrdinaryAveragesAsOrdinary) {
  ErrorSketch instant;
  std::vector<std::vector<double>> sequences(1);
  for (std::size_t i = 0; i < 4000; ++i) {
    const double e = 1.0 + UniformAt(i);
    instant.Add(e);
    sequences[0].push_back(e);
  }
  const ErrorSketch seed = SmoothedCalibration(instant, sequences);
  EXPECT_EQ(seed.total(), 4000.0);
  SmoothedScorer s(seed);
  const AnomalyScorer ranker(instant);
  double top = 0.0;
  for (std::size_t i = 0; i < 400; ++i) {
    top = std::max(top, s.Update(SmoothedScorer::Surprise(ranker.Tail(1.0 + UniformAt(i + 17)))));
  }
  EXPECT_LT(top, 0.9995);
}

}  // namespace
}  // namespace shapewatch
