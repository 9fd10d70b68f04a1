#include "core/fine_scale.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/model_trainer.h"
#include "core/series_detector.h"
#include "core/streaming_reconstructor.h"
#include "tests/core/ecg_data.h"

namespace shapewatch {
namespace {

TEST(FineScaleParams, AQuarterOfTheHopOrTheLargestDivisorBelowIt) {
  ShapeParams coarse;  // L 32, hop 16
  const auto fine = FineScaleParams(coarse);
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->segment_len, 8u);
  EXPECT_EQ(fine->hop, 4u);
  EXPECT_EQ(fine->window, coarse.window);
  EXPECT_EQ(fine->normalization, coarse.normalization);
  coarse.segment_len = 30;
  coarse.hop = 15;  // 15 / 4 = 3.75: 3
  EXPECT_EQ(FineScaleParams(coarse)->segment_len, 6u);
  coarse.segment_len = 26;
  coarse.hop = 13;  // prime: no divisor in [2, 3]
  EXPECT_FALSE(FineScaleParams(coarse));
  coarse.segment_len = 14;
  coarse.hop = 7;
  EXPECT_FALSE(FineScaleParams(coarse));
}

Hop FineHop(std::uint64_t first, std::size_t size, double rms, double max_abs) {
  static const std::vector<double> kValues(64, 0.0);
  Hop h;
  h.first_index = first;
  h.values = std::span(kValues).first(size);
  h.rms_error = rms;
  h.max_abs_error = max_abs;
  return h;
}

TEST(BlockError, GathersTheHopsOfOneBlockAndScoresThemAsOneHop) {
  BlockError block(8, ErrorStatistic::kRmsMax);
  EXPECT_FALSE(block.Add(FineHop(0, 4, 1.0, 2.0)));
  const auto b = block.Add(FineHop(4, 4, 3.0, 1.0));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->first_index, 0u);
  EXPECT_DOUBLE_EQ(b->error, 0.5 * (std::sqrt((4.0 * 1.0 + 4.0 * 9.0) / 8.0) + 2.0));
  // After a restart at sample 13, blocks are [13, 21), [21, 29), ...
  block.Reset(13);
  EXPECT_FALSE(block.Add(FineHop(13, 4, 2.0, 2.0)));
  const auto after = block.Add(FineHop(17, 4, 2.0, 2.0));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->first_index, 13u);
  EXPECT_DOUBLE_EQ(after->error, 2.0);
  BlockError rms(8, ErrorStatistic::kRms);
  EXPECT_FALSE(rms.Add(FineHop(16, 4, 1.0, 5.0)));
  EXPECT_DOUBLE_EQ(rms.Add(FineHop(20, 4, 1.0, 5.0))->error, 1.0);
}

std::vector<double> Abp(std::size_t n) {
  return testing::LoadDataCsv(std::string(SHAPEWATCH_TEST_DATA_DIR) + "/abp_125hz.csv", n);
}

// Every hop of the model, at either hop, before and after a restart at any
// sample, finds the fine block over its own samples ready when it is final.
TEST(FineScaleScorer, HasTheBlockOfEveryHopReadyWhenTheHopIsFinal) {
  const std::vector<double> abp = Abp(6000);
  for (std::size_t hop : {16u, 8u}) {
    TrainOptions options;
    options.params.hop = hop;
    options.kmeans.clusters = 20;
    options.kmeans.n_init = 1;
    const auto model =
        std::make_shared<const Model>(*TrainModel(std::span(abp).first(4096), options));
    ASSERT_TRUE(model->fine_scale) << hop;
    StreamingReconstructor coarse(model);
    FineScaleScorer fine(model->fine_scale, hop, model->params.error_statistic);
    const double history = fine.scorer().history().total();
    std::size_t hops = 0, found = 0;
    for (std::size_t i = 0; i < abp.size(); ++i) {
      if (i == 1001 || i == 2003 + hop) {  // a gap: both start over
        coarse.Reset();
        fine.Reset();
      }
      fine.Push(abp[i]);
      if (!coarse.Push(abp[i])) continue;
      ++hops;
      const std::optional<double> e = fine.TakeBlock(coarse.last_hop().first_index);
      found += e ? 1 : 0;
      EXPECT_FALSE(fine.TakeBlock(coarse.last_hop().first_index)) << "taken twice";
    }
    EXPECT_GT(hops, 300u);
    EXPECT_EQ(found, hops) << "hop " << hop;
    EXPECT_EQ(fine.scorer().history().total(), history);  // the detector adds them
  }
}

// Noise on one pulse of arterial pressure (standard deviation 8 units, about
// a seventh of the recording's robust scale of 53): 32-sample segments still
// match a smooth pulse; 8-sample ones do not. Measured: 4 of 11 pulses
// flagged without the fine scale, 10 with it.
TEST(FineScale, FindsNoiseOnAPulseThatTheModelsOwnScaleMisses) {
  const std::vector<double> abp = Abp(40000);
  const std::size_t train = 8192, period = 61;
  auto detected = [&](bool fine_scale) {
    TrainOptions options;
    options.kmeans.n_init = 2;
    options.fine_scale = fine_scale;
    const auto model =
        std::make_shared<const Model>(*TrainModel(std::span(abp).first(train), options));
    EXPECT_EQ(model->fine_scale != nullptr, fine_scale);
    std::mt19937_64 random(7);
    std::normal_distribution<double> noise(0.0, 8.0);
    int found = 0;
    for (std::size_t start = 12000; start + 2000 < abp.size(); start += 2500) {
      std::vector<double> series(abp.begin() + static_cast<std::ptrdiff_t>(start - 2000),
                                 abp.begin() + static_cast<std::ptrdiff_t>(start + 200));
      for (std::size_t i = 2000; i < 2000 + period; ++i) series[i] += noise(random);
      SeriesDetector detector(model, DetectorOptions{});
      bool flagged = false;
      for (std::size_t i = 0; i < series.size(); ++i) {
        const ScoredHop* h = detector.Push(series[i]);
        if (h && i >= 2000) flagged = flagged || h->anomalous;
      }
      found += flagged ? 1 : 0;
    }
    return found;
  };
  const int without = detected(false), with = detected(true);
  RecordProperty("detected_without", without);
  RecordProperty("detected_with", with);
  EXPECT_GE(with, without + 3) << without << " of 11 without the fine scale, " << with << " with";
}

}  // namespace
}  // namespace shapewatch
