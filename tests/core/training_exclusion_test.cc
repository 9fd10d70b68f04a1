#include "core/training_exclusion.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace shapewatch
