// RetrainingWindow: what a model is retrained on (the latest hops, a training
// set's worth, flagged ones marked) and when (every `interval` scored samples).
#include "core/retraining_window.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace shapewatch {
namespace {

// Feeds hops of 4 samples numbered from `next`; flagged ones as listed.
class HopFeeder {
 public:
  explicit HopFeeder(RetrainingWindow& window) : window_(window) {}
  void Feed(bool flagged) {
    values_.resize(4);
    std::iota(values_.begin(), values_.end(), next_);
    next_ += 4.0;
    hop_.values = values_;
    scored_.hop = &hop_;
    scored_.anomalous = flagged;
    window_.Record(scored_);
  }

 private:
  RetrainingWindow& window_;
  std::vector<double> values_;
  double next_ = 0.0;
  Hop hop_;
  ScoredHop scored_;
};

TEST(RetrainingWindow, DueAfterTheIntervalOnceAFullSetIsAtHand) {
  RetrainingWindow window(/*interval=*/8, /*samples=*/12);
  HopFeeder feed(window);
  feed.Feed(false);
  feed.Feed(false);
  EXPECT_FALSE(window.due()) << "8 samples scored, but only 8 of 12 kept";
  feed.Feed(false);
  EXPECT_TRUE(window.due());
  EXPECT_EQ(window.Take().samples, (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
  EXPECT_FALSE(window.due()) << "the interval starts again after Take";
  feed.Feed(false);
  EXPECT_FALSE(window.due());
  feed.Feed(false);
  EXPECT_TRUE(window.due());
  EXPECT_EQ(window.Take().samples,
            (std::vector<double>{8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}))
      << "the latest samples, oldest first";
}

TEST(RetrainingWindow, FlaggedHopsStayInPlaceMarked) {
  RetrainingWindow window(4, 12);
  HopFeeder feed(window);
  feed.Feed(false);
  feed.Feed(true);
  feed.Feed(false);
  ASSERT_TRUE(window.due());
  const TrainingSet set = window.Take();
  EXPECT_EQ(set.samples, (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
      << "no join of samples 3 and 8 that never followed each other";
  EXPECT_EQ(set.excluded, (std::vector<bool>{false, false, false, false, true, true, true, true,
                                             false, false, false, false}));
}

TEST(RetrainingWindow, MarksLeaveWithTheirSamples) {
  RetrainingWindow window(4, 8);
  HopFeeder feed(window);
  feed.Feed(true);
  feed.Feed(false);
  feed.Feed(false);
  const TrainingSet set = window.Take();
  EXPECT_EQ(set.samples, (std::vector<double>{4, 5, 6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(set.excluded, std::vector<bool>(8, false));
}

TEST(RetrainingWindow, ABreakMarksTheSampleBeforeIt) {
  RetrainingWindow window(4, 8);
  HopFeeder feed(window);
  window.MarkBreak();  // nothing recorded yet: nothing to mark
  feed.Feed(false);
  window.MarkBreak();
  feed.Feed(false);
  const TrainingSet set = window.Take();
  EXPECT_EQ(set.excluded,
            (std::vector<bool>{false, false, false, true, false, false, false, false}))
      << "no segment spans samples 3 and 4, which the gap separated";
}

TEST(RetrainingWindow, TurningRetrainingOnStartsAFreshWindow) {
  RetrainingWindow window(4, 8);
  HopFeeder feed(window);
  feed.Feed(false);
  window.Reconfigure(0, 8);  // off: hops 1 and 2 are not recorded
  feed.Feed(false);
  feed.Feed(false);
  window.Reconfigure(4, 8);
  feed.Feed(false);
  EXPECT_FALSE(window.due()) << "samples 0..3 are not joined to 12..15";
  feed.Feed(false);
  ASSERT_TRUE(window.due());
  EXPECT_EQ(window.Take().samples, (std::vector<double>{12, 13, 14, 15, 16, 17, 18, 19}));
}

TEST(RetrainingWindow, IntervalZeroIsNeverDue) {
  RetrainingWindow window(0, 4);
  HopFeeder feed(window);
  for (int i = 0; i < 10; ++i) feed.Feed(false);
  EXPECT_FALSE(window.due());
}

TEST(RetrainingWindow, ReconfigureKeepsTheLatestAndClearForgets) {
  RetrainingWindow window(100, 12);
  HopFeeder feed(window);
  for (int i = 0; i < 3; ++i) feed.Feed(false);
  window.Reconfigure(/*interval=*/8, /*samples=*/8);
  EXPECT_TRUE(window.due()) << "12 samples scored since training, 8 kept";
  EXPECT_EQ(window.Take().samples, (std::vector<double>{4, 5, 6, 7, 8, 9, 10, 11}));
  feed.Feed(false);
  feed.Feed(false);
  window.Clear();
  EXPECT_FALSE(window.due());
  feed.Feed(false);
  feed.Feed(false);
  EXPECT_TRUE(window.due()) << "counted again from the Clear";
  EXPECT_EQ(window.Take().samples, (std::vector<double>{20, 21, 22, 23, 24, 25, 26, 27}));
}

TEST(RetrainingWindow, RetrainingKeepsTheSegmentLengthAndHopInUse) {
  TrainOptions rule;
  rule.auto_segment_len = true;
  rule.kmeans.clusters = 40;
  ShapeParams in_use;
  in_use.segment_len = 122;
  in_use.hop = 61;
  const TrainOptions options = RetrainOptions(rule, in_use);
  EXPECT_FALSE(options.auto_segment_len);
  EXPECT_EQ(options.params.segment_len, 122u);
  EXPECT_EQ(options.params.hop, 61u);
  EXPECT_FALSE(options.fence_calibration) << "the set was screened by the detector";
  EXPECT_EQ(options.kmeans.clusters, 40u) << "the rest is the rule's";
}

TEST(RetrainingWindow, PrimingCoversTheSegmentsTheNextHopNeeds) {
  ShapeParams params;
  params.segment_len = 32;
  params.hop = 16;
  EXPECT_EQ(PrimingSamples(params), 32u);
  params.hop = 8;
  EXPECT_EQ(PrimingSamples(params), 48u);
}

}  // namespace
}  // namespace shapewatch
