// What makes scores trustworthy: calibration across scales, training that
// does not memorise glitches, constant series and the unstable state.
#include <gtest/gtest.h>

#include "core/model_trainer.h"
#include "core/series_detector.h"
#include "core/series_stats.h"
#include "tests/core/ecg_data.h"

namespace shapewatch {
namespace {

TrainOptions QuickOptions(double exclude_share = TrainOptions{}.exclude_share) {
  TrainOptions options;
  options.kmeans.clusters = 40;
  options.kmeans.n_init = 1;
  options.exclude_share = exclude_share;
  return options;
}

std::vector<double> Ecg(std::size_t n) {
  return testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), n);
}

std::vector<double> Scores(const std::vector<double>& series, std::size_t train,
                           const TrainOptions& options) {
  const auto model =
      std::make_shared<const Model>(*TrainModel(std::span(series).first(train), options));
  SeriesDetector detector(model, DetectorOptions{});
  std::vector<double> scores;
  for (std::size_t i = train; i < series.size(); ++i) {
    if (const ScoredHop* h = detector.Push(series[i])) scores.push_back(h->score);
  }
  return scores;
}

TEST(Calibration, SameSeriesInOtherUnitsScoresTheSame) {
  const std::vector<double> ecg = Ecg(12288);
  std::vector<double> scaled = ecg;
  for (double& v : scaled) v = 1000.0 * v + 5e6;
  // k-means with restarts: one run on the fine scale's 8-sample segments of
  // this quantised ECG can settle in another local optimum in other units
  // (then mid-range scores differ by up to 0.3, the top ones by 0.14).
  TrainOptions options = QuickOptions();
  options.kmeans.n_init = 10;
  const std::vector<double> a = Scores(ecg, 8192, options);
  const std::vector<double> b = Scores(scaled, 8192, options);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 0.02) << "hop " << i;
}

TEST(Calibration, TailKeepsFallingFarBeyondTheLargestError) {
  ErrorSketch history;
  for (int i = 1; i <= 1000; ++i) history.Add(i * 0.01);
  const AnomalyScorer scorer(history);
  double previous = 1.0;
  for (double e : {5.0, 10.0, 100.0, 1e4, 1e8}) {
    const double tail = scorer.Tail(e);
    EXPECT_GT(tail, 0.0) << e;
    EXPECT_LT(tail, previous) << e;
    previous = tail;
  }
}

// A square pulse of 6 samples, far outside the ECG's range.
void AddGlitch(std::vector<double>& series, std::size_t at) {
  for (std::size_t i = at; i < at + 6; ++i) series[i] = 2500.0;
}

TEST(ContaminatedTraining, GlitchesInTheTrainingDataAreStillFlaggedWhenTheyRecur) {
  std::vector<double> series = Ecg(12288);
  for (std::size_t at : {1000, 3000, 5000, 7000}) AddGlitch(series, at);
  const std::size_t recurrence = 10000;
  AddGlitch(series, recurrence);
  const auto model =
      std::make_shared<const Model>(*TrainModel(std::span(series).first(8192), QuickOptions()));
  SeriesDetector detector(model, DetectorOptions{});
  bool flagged = false;
  for (std::size_t i = 8192; i < recurrence + 64; ++i) {
    const ScoredHop* h = detector.Push(series[i]);
    if (h != nullptr && i >= recurrence) flagged |= h->anomalous;
  }
  EXPECT_TRUE(flagged);
}

TEST(ConstantSeries, IsNotTrained) {
  const std::vector<double> flat(4096, 17.0);
  EXPECT_TRUE(IsNearlyConstant(flat));
  const Result<Model> model = TrainModel(flat, QuickOptions());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().rfind("constant series", 0), 0u) << model.error();
}

TEST(Unstable, ManyFlaggedHopsMakeTheSeriesUnstableAndNormalDataDoesNot) {
  const std::vector<double> ecg = Ecg(12288);
  const auto model =
      std::make_shared<const Model>(*TrainModel(std::span(ecg).first(8192), QuickOptions()));
  DetectorOptions options;
  options.unstable_window = 64;
  options.unstable_share = 0.5;
  options.flagged_weight = 0.0;  // the garbage never becomes normal
  SeriesDetector detector(model, options);
  for (std::size_t i = 8192; i < ecg.size(); ++i) detector.Push(ecg[i]);
  EXPECT_FALSE(detector.unstable());
  EXPECT_LT(detector.flagged_share(), 0.1);
  for (int i = 0; i < 64 * 16; ++i) detector.Push(i % 2 ? 5000.0 : -5000.0);
  EXPECT_GT(detector.flagged_share(), 0.9);
  EXPECT_TRUE(detector.unstable());
}

TEST(SmoothedScore, IsExportedForEveryHopAndSeededByTheModel) {
  const std::vector<double> ecg = Ecg(10240);
  const auto model =
      std::make_shared<const Model>(*TrainModel(std::span(ecg).first(8192), QuickOptions()));
  EXPECT_GT(model->smoothed_calibration.total(), 0.0);
  DetectorOptions options;
  options.flag_score = ScoreKind::kSmoothed;
  SeriesDetector detector(model, options);
  for (std::size_t i = 8192; i < ecg.size(); ++i) {
    if (const ScoredHop* h = detector.Push(ecg[i])) {
      EXPECT_GE(h->smoothed_score, 0.0);
      EXPECT_LE(h->smoothed_score, 1.0);
      EXPECT_EQ(h->anomalous, h->smoothed_score >= options.threshold);
    }
  }
}

}  // namespace
}  // namespace shapewatch
