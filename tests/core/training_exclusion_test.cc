#include "core/training_exclusion.h"

#include <gtest/gtest.h>

#include <vector>

namespace shapewatch {
namespace {

TEST(SegmentsToKeep, DropsTheSegmentsThatCoverTheWorstSamples) {
  std::vector<double> error(1000, 1.0);
  for (std::size_t i = 500; i < 504; ++i) error[i] = 50.0;
  const std::vector<bool> keep = SegmentsToKeep(error, 32, 2, 0.05);
  ASSERT_EQ(keep.size(), (1000 - 32) / 2 + 1);
  for (std::size_t s = 0; s < keep.size(); ++s) {
    const bool covers = s * 2 + 32 > 500 && s * 2 < 504;
    EXPECT_EQ(keep[s], !covers) << "segment " << s;
  }
}

TEST(SegmentsToKeep, TheShareIsDroppedFromTheCandidates) {
  std::vector<double> error(1000, 1.0);
  for (std::size_t i = 500; i < 504; ++i) error[i] = 50.0;  // in segments 235..251
  for (std::size_t i = 800; i < 804; ++i) error[i] = 20.0;  // in segments 385..401
  std::vector<bool> candidates((1000 - 32) / 2 + 1, true);
  for (std::size_t s = 230; s < 260; ++s) candidates[s] = false;  // left out anyway
  // 5 % of 485 segments: 24, more than either stretch's 17.
  const std::vector<bool> keep = SegmentsToKeep(error, 32, 2, 0.05, candidates);
  EXPECT_TRUE(keep[240]) << "not a candidate: ranks best, whatever its error";
  EXPECT_FALSE(keep[390]) << "the worst candidates are dropped";
  const std::vector<bool> all = SegmentsToKeep(error, 32, 2, 0.05);
  EXPECT_FALSE(all[240]);
  EXPECT_TRUE(all[390]) << "without candidates, the share goes to the worst stretch";
}

TEST(SegmentsToKeep, FlatErrorsDropNothing) {
  const std::vector<bool> keep = SegmentsToKeep(std::vector<double>(500, 2.0), 16, 2, 0.1);
  EXPECT_EQ(std::count(keep.begin(), keep.end(), false), 0);
}

TEST(KeepRows, KeepsMarkedRowsInOrder) {
  Matrix m;
  for (double v : {1.0, 2.0, 3.0}) m.AppendRow(std::vector<double>{v, v});
  const Matrix kept = KeepRows(m, {true, false, true});
  ASSERT_EQ(kept.rows(), 2u);
  EXPECT_EQ(kept.at(1, 0), 3.0);
  EXPECT_EQ(KeepRows(m, {false, false, false}).rows(), 3u);
}

TEST(ExcludedSamples, AnswersWhetherARangeHoldsOne) {
  std::vector<bool> flags(20, false);
  flags[7] = flags[8] = true;
  const ExcludedSamples excluded(flags);
  EXPECT_TRUE(excluded.any());
  EXPECT_FALSE(excluded.AnyIn(0, 7));
  EXPECT_TRUE(excluded.AnyIn(0, 8));
  EXPECT_TRUE(excluded.AnyIn(8, 9));
  EXPECT_FALSE(excluded.AnyIn(9, 100)) << "clamped to the set";
  EXPECT_FALSE(excluded.AnyIn(8, 8)) << "empty range";
  EXPECT_FALSE(ExcludedSamples(std::vector<bool>(5, false)).any());
  EXPECT_FALSE(ExcludedSamples().AnyIn(0, 10));
}

TEST(SegmentsClearOf, MarksTheSegmentsHoldingAnExcludedSample) {
  std::vector<bool> flags(40, false);
  flags[20] = true;
  const ExcludedSamples excluded(flags);
  // Segments of 8 every 4 over samples [10, 40): starts 10, 14, ..., 30.
  const std::vector<bool> clear = SegmentsClearOf(excluded, 10, 30, 8, 4);
  EXPECT_EQ(clear, (std::vector<bool>{true, false, false, true, true, true}));
  EXPECT_TRUE(SegmentsClearOf(ExcludedSamples(), 0, 40, 8, 4).empty()) << "nothing excluded";
  EXPECT_EQ(BothKeep({}, {true, false}), (std::vector<bool>{true, false}));
  EXPECT_EQ(BothKeep({true, true}, {}), (std::vector<bool>{true, true}));
  EXPECT_EQ(BothKeep({true, true, false}, {false, true, true}),
            (std::vector<bool>{false, true, false}));
}

}  // namespace
}  // namespace shapewatch
