#include "core/anomaly_scorer.h"

#include <gtest/gtest.h>

#include <random>

namespace shapewatch {
namespace {

AnomalyScorer ScorerOf(double scale, std::uint64_t seed = 1, int n = 5000) {
  std::mt19937_64 rng(seed);
  std::gamma_distribution<double> dist(2.0, 1.0);
  ErrorSketch history;
  for (int i = 0; i < n; ++i) history.Add(dist(rng) * scale);
  return AnomalyScorer(history);
}

TEST(AnomalyScorerTest, ScoreIsInUnitIntervalAndMonotoneInError) {
  const AnomalyScorer scorer = ScorerOf(1.0);
  double previous = -1.0;
  for (double e = 0.0; e < 100.0; e = e * 1.1 + 0.01) {
    const double s = scorer.Score(e);
    EXPECT_GE(s, 0.0);
    EXPECT_LE(s, 1.0);
    EXPECT_GE(s, previous) << "error " << e;
    previous = s;
  }
  EXPECT_EQ(scorer.Score(0.0), 0.0);
  EXPECT_EQ(AnomalyScorer().Score(5.0), 0.0);  // no history yet
}

TEST(AnomalyScorerTest, DoesNotSaturateFarBeyondTheLargestError) {
  const AnomalyScorer scorer = ScorerOf(1.0);
  const double top = scorer.history().MaxEdge();
  const double just = scorer.Score(top * 1.01);
  const double ten = scorer.Score(top * 10);
  const double thousand = scorer.Score(top * 1000);
  EXPECT_LT(just, ten);
  EXPECT_LT(ten, thousand);
  EXPECT_LT(thousand, 1.0);
  EXPECT_GT(just, 0.999);
}

TEST(AnomalyScorerTest, SameDistributionAtAnotherScaleScoresTheSame) {
  const AnomalyScorer small = ScorerOf(1.0), large = ScorerOf(1000.0);
  for (double e : {0.5, 1.0, 2.0, 5.0, 9.0, 30.0, 300.0}) {
    EXPECT_NEAR(small.Score(e), large.Score(e * 1000.0), 0.01) << "error " << e;
  }
}

TEST(AnomalyScorerTest, ObserveScoresFirstThenAddsToHistory) {
  AnomalyScorer scorer = ScorerOf(1.0, 2, 100);
  const double before = scorer.Score(7.5);
  const double total = scorer.history().total();
  EXPECT_EQ(scorer.Observe(7.5), before);
  EXPECT_EQ(scorer.history().total(), total + 1.0);
  // A repeated large error becomes ordinary as it accumulates.
  for (int i = 0; i < 200; ++i) scorer.Observe(7.5);
  EXPECT_LT(scorer.Score(7.5), before);
}

TEST(AnomalyScorerTest, ObserveIgnoresNonFiniteErrorsInHistory) {
  AnomalyScorer scorer = ScorerOf(1.0, 3, 100);
  const double total = scorer.history().total();
  scorer.Observe(std::nan(""));
  scorer.Observe(INFINITY);
  EXPECT_EQ(scorer.history().total(), total);
}

}  // namespace
}  // namespace shapewatch
