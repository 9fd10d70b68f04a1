#include "core/series_detector.h"

#include <gtest/gtest.h>

#include "core/flat_run.h"
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

// A value stuck for a whole segment is a shape the centred model cannot see
// (flat pieces are normal in ECG), but no run that long was in training.
TEST(SeriesDetectorTest, StuckValueIsFlaggedByItsRunLength) {
  const auto model = testing::SmallEcgModel(Normalization::kCenter);
  const auto ecg = testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 12000);
  const double longest_training_run = model->flat_calibration.MaxEdge();
  const std::size_t stuck = 4 * static_cast<std::size_t>(longest_training_run) + 64;
  SeriesDetector with_runs(model, DetectorOptions{});
  auto without = std::make_shared<Model>(*model);
  without->flat_calibration = ErrorSketch();  // as a model file from before
  SeriesDetector shape_only(without, DetectorOptions{});
  bool flagged = false, flagged_by_shape = false;
  for (std::size_t i = 4096; i < 4096 + 2000 + stuck; ++i) {
    const double value = i < 6096 ? ecg[i] : ecg[6095];
    const ScoredHop* a = with_runs.Push(value);
    const ScoredHop* b = shape_only.Push(value);
    ASSERT_EQ(a == nullptr, b == nullptr);
    if (a && i >= 6096) {
      flagged |= a->anomalous;
      flagged_by_shape |= b->anomalous;
      EXPECT_GE(a->score, b->score - 1e-12);  // never less unusual than its shape
    } else if (a) {
      EXPECT_EQ(a->anomalous, b->anomalous);
    }
  }
  EXPECT_TRUE(flagged);
  EXPECT_FALSE(flagged_by_shape) << "the test needs a stuck stretch the shapes miss";
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
