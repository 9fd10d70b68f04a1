#include "core/flat_run.h"

#include <gtest/gtest.h>

#include <vector>

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

}  // namespace
}  // namespace shapewatch
