#include "core/series_detector.h"

#include <gtest/gtest.h>

#include "tests/core/test_model.h"

namespace shapewatch {
namespace {

TEST(SeriesDetectorTest, ScoresEveryFinalHopAndFlagsAnAbruptChange) {
  const auto model = testing::SmallEcgModel();
  SeriesDetector detector(model, DetectorOptions{});
  const auto ecg = testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 8192);
  std::uint64_t hops = 0;
  double max_normal = 0.0;
  for (std::size_t i = 4096; i < 8000; ++i) {
    if (const ScoredHop* h = detector.Push(ecg[i])) {
      ++hops;
      EXPECT_GE(h->score, 0.0);
      EXPECT_LE(h->score, 1.0);
      EXPECT_EQ(h->anomalous, h->score >= 0.999);
      max_normal = std::max(max_normal, h->score);
    }
  }
  EXPECT_EQ(detector.hops(), hops);
  bool flagged = false;
  for (int i = 0; i < 64; ++i) {
    if (const ScoredHop* h = detector.Push(i % 2 ? 3000.0 : -3000.0)) {
      flagged |= h->anomalous;
    }
  }
  EXPECT_TRUE(flagged);
  EXPECT_GT(detector.scorer().history().total(), model->calibration.total());
}

TEST(SeriesDetectorTest, HistoryHalfLifeBoundsTheHistoryWeight) {
  const auto model = testing::SmallEcgModel();
  DetectorOptions options;
  options.history_half_life = 20.0;
  SeriesDetector forgetting(model, options);
  SeriesDetector keeping(model, DetectorOptions{});
  const auto ecg = testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 8192);
  for (std::size_t i = 4096; i < 8192; ++i) {
    forgetting.Push(ecg[i]);
    keeping.Push(ecg[i]);
  }
  // 256 hops: the calibration has faded to 2^-12.8 of its weight, and the
  // hops scored weigh at most 1 / (1 - 2^(-1/20)), about 29.4.
  EXPECT_LT(forgetting.scorer().history().total(), 30.0);
  EXPECT_GT(keeping.scorer().history().total(), model->calibration.total());
}

}  // namespace
}  // namespace shapewatch
