#include "core/flat_run.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/anomaly_scorer.h"

namespace shapewatch {
namespace {

TEST(FlatRunTest, ReportsTheLongestRunOfEachHopCountingRunsInFull) {
  FlatRunTracker tracker(1);
  for (double v : {1.0, 2.0, 2.0, 2.0}) tracker.Push(v);
  EXPECT_EQ(tracker.TakeHopLongest(), 3.0);
  // The run goes on into the next hop and is counted from its start.
  for (double v : {2.0, 2.0}) tracker.Push(v);
  EXPECT_EQ(tracker.TakeHopLongest(), 5.0);
  // A run that ended with the previous hop does not count again.
  for (double v : {3.0, 4.0, 4.0}) tracker.Push(v);
  EXPECT_EQ(tracker.TakeHopLongest(), 2.0);
  EXPECT_EQ(tracker.TakeHopLongest(), 0.0);  // no sample since
}

TEST(FlatRunTest, RunsShorterThanTheMinimumCountAsZero) {
  FlatRunTracker tracker(4);
  for (double v : {5.0, 5.0, 5.0, 6.0}) tracker.Push(v);
  EXPECT_EQ(tracker.TakeHopLongest(), 0.0);
  for (double v : {6.0, 6.0, 6.0}) tracker.Push(v);
  EXPECT_EQ(tracker.TakeHopLongest(), 4.0);
}

TEST(FlatRunTest, ResetForgetsTheRun) {
  FlatRunTracker tracker(1);
  for (double v : {9.0, 9.0, 9.0}) tracker.Push(v);
  tracker.Reset();
  tracker.Push(9.0);
  EXPECT_EQ(tracker.TakeHopLongest(), 1.0);
}

TEST(FlatRunTest, CalibrationTakesOneRunPerDetectorHop) {
  // 40 samples, L = 8, hop = 4: hops end at samples 8, 12, ..., 40: 9 hops.
  std::vector<double> signal;
  for (int i = 0; i < 40; ++i) signal.push_back(i < 20 ? i : 100.0);  // stuck from 20 on
  const ErrorSketch sketch = FlatRunCalibration(signal, 8, 4);
  EXPECT_DOUBLE_EQ(sketch.total(), 9.0);
  EXPECT_DOUBLE_EQ(sketch.zero_count(), 4.0);  // hops ending at 8..20: runs below 4
  EXPECT_NEAR(sketch.MaxEdge(), 20.0, 20.0 * 2 * ErrorSketch::kDefaultAccuracy);
}

TEST(FlatRunTest, WithoutARunAsLongAsAHopTheCalibrationKeepsTheShortOnes) {
  std::vector<double> signal;
  for (int i = 0; i < 40; ++i) signal.push_back(i / 2);  // runs of 2, hop 4
  const ErrorSketch sketch = FlatRunCalibration(signal, 8, 4);
  EXPECT_DOUBLE_EQ(sketch.total(), 9.0);
  EXPECT_DOUBLE_EQ(sketch.zero_count(), 0.0);
  EXPECT_NEAR(sketch.MaxEdge(), 2.0, 2.0 * 2 * ErrorSketch::kDefaultAccuracy);
}

// Training data without a run as long as a hop (a float series never
// repeats a value): a stuck stretch is then ranked by how much longer than
// the training runs it is, and never scores exactly 1 (before, the history
// held only zeros and every run of a hop or more had a tail of 0).
TEST(FlatRunTest, RunsBeyondTheTrainingOnesRankByLengthWithoutSaturating) {
  std::vector<double> signal;
  for (int i = 0; i < 4000; ++i) signal.push_back(0.001 * i);
  const AnomalyScorer runs(FlatRunCalibration(signal, 32, 16));
  double previous = 1.0;
  for (double run : {16.0, 32.0, 64.0, 640.0}) {
    const double tail = runs.Tail(run);
    EXPECT_GT(tail, 0.0) << run;
    EXPECT_LT(tail, previous) << run;
    previous = tail;
  }
  EXPECT_LT(runs.Score(16.0), 1.0);
  EXPECT_GT(runs.Score(16.0), 0.999);  // still far beyond anything in training
}

}  // namespace
}  // namespace shapewatch
