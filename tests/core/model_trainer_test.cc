#include "core/model_trainer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/core/ecg_data.h"

namespace shapewatch {
namespace {

std::vector<double> Ecg(std::size_t n) {
  return testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), n);
}

TrainOptions Small() {
  TrainOptions o;
  o.kmeans.clusters = 10;
  o.kmeans.n_init = 1;
  return o;
}

TEST(ModelTrainerTest, TrainsAModelWithStatisticsAndCalibration) {
  const auto signal = Ecg(3000);
  const auto model = TrainModel(signal, Small());
  ASSERT_TRUE(model.ok()) << model.error();
  EXPECT_EQ(model->centroids.rows(), 10u);
  EXPECT_EQ(model->centroids.cols(), 32u);
  EXPECT_EQ(model->training.samples, 3000u);
  // Segments clustered: all but the exclude_share worst reconstructed.
  const std::size_t cut = (3000u - 32) / 2 + 1;
  EXPECT_LE(model->training.segments, cut);
  EXPECT_GE(static_cast<double>(model->training.segments), 0.96 * static_cast<double>(cut));
  EXPECT_LT(model->training.min, model->training.mean);
  EXPECT_GT(model->training.stddev, 0.0);
  // At least one pass of hops over the training signal.
  EXPECT_GE(model->calibration.total(), static_cast<double>((3000 - 32) / 16));
  EXPECT_GT(model->training.inertia, 0.0);
}

TEST(ModelTrainerTest, TooShortSignalIsAnError) {
  const auto r = TrainModel(Ecg(31), Small());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("32"), std::string::npos) << r.error();
  EXPECT_FALSE(TrainModel({}, Small()).ok());
}

TEST(ModelTrainerTest, NonFiniteSampleIsAnErrorNamingIt) {
  auto signal = Ecg(500);
  signal[123] = std::nan("");
  const auto r = TrainModel(signal, Small());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("sample 123"), std::string::npos) << r.error();
  signal[123] = INFINITY;
  EXPECT_FALSE(TrainModel(signal, Small()).ok());
}

TEST(ModelTrainerTest, BadParametersAreErrors) {
  const auto signal = Ecg(500);
  auto bad = [&](auto edit) {
    TrainOptions o = Small();
    edit(o);
    return TrainModel(signal, o);
  };
  EXPECT_FALSE(bad([](TrainOptions& o) { o.params.segment_len = 1; }).ok());
  EXPECT_FALSE(bad([](TrainOptions& o) { o.params.hop = 0; }).ok());
  EXPECT_FALSE(bad([](TrainOptions& o) { o.params.hop = 17; }).ok());
  EXPECT_FALSE(bad([](TrainOptions& o) { o.params.hop = 5; }).ok());
  EXPECT_FALSE(bad([](TrainOptions& o) { o.slide = 0; }).ok());
  EXPECT_FALSE(bad([](TrainOptions& o) { o.kmeans.clusters = 0; }).ok());
  EXPECT_FALSE(bad([](TrainOptions& o) { o.kmeans.n_init = 0; }).ok());
  EXPECT_FALSE(bad([](TrainOptions& o) { o.kmeans.tol = -1; }).ok());
}

TEST(ModelTrainerTest, ConstantSignalIsRefusedAsAConstantSeries) {
  const auto r = TrainModel(std::vector<double>(200, 5.0), Small());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rfind("constant series", 0), 0u) << r.error();
}

TEST(ModelTrainerTest, FewDistinctShapesLowerKAndSaySoInTheModel) {
  std::vector<double> square(200, 5.0);
  for (std::size_t i = 0; i < square.size(); ++i) square[i] = (i / 2) % 2 ? 5.0 : -5.0;
  const auto r = TrainModel(square, Small());
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_LT(r->centroids.rows(), 10u);
  EXPECT_EQ(r->training.clusters_requested, 10u);
  // One note for the model, and the fine scale's own, which says the same.
  ASSERT_EQ(r->training.notes.size(), 2u);
  EXPECT_EQ(r->training.notes[1], "fine scale: " + r->fine_scale->training.notes.at(0));
}

// An ECG stretch with a glitch that recurs: 8 samples far above the signal
// at 700, 2000 and 2600.
std::vector<double> EcgWithGlitch(std::vector<bool>* glitch) {
  auto signal = Ecg(3000);
  if (glitch) glitch->assign(signal.size(), false);
  for (std::size_t start : {700, 2000, 2600}) {
    for (std::size_t i = start; i < start + 8; ++i) {
      signal[i] += 2000.0;
      if (glitch) (*glitch)[i] = true;
    }
  }
  return signal;
}

TEST(ModelTrainerTest, ExcludedSamplesAreNeitherLearnedNorCalibrated) {
  std::vector<bool> glitch;
  const auto signal = EcgWithGlitch(&glitch);
  TrainOptions o = Small();
  o.exclude_share = 0.0;  // only the excluded samples are left out
  const auto all = TrainModel(signal, o);
  const auto screened = TrainModel(signal, o, glitch);
  ASSERT_TRUE(all.ok() && screened.ok());
  // Segments of 32 every 2 that hold one of [2000, 2008) start at 1970..2006.
  EXPECT_EQ(screened->training.segments, all->training.segments - 3 * 19);
  EXPECT_LT(screened->calibration.total(), all->calibration.total());
  EXPECT_LT(screened->flat_calibration.total(), all->flat_calibration.total());
  // The glitches' hops (errors of ~1000, against ~150 for the ECG's worst)
  // are calibrated in the first only.
  EXPECT_LT(screened->calibration.Quantile(1.0), 0.5 * all->calibration.Quantile(1.0));
}

TEST(ModelTrainerTest, AMostlyExcludedSetIsRefusedNotLearned) {
  const auto signal = Ecg(3000);
  std::vector<bool> flags(signal.size(), false);
  for (std::size_t i = 0; i < flags.size(); i += 24) flags[i] = true;  // every segment
  EXPECT_FALSE(HasEnoughClearSegments(flags, Small()));                // the caller's check agrees
  const auto r = TrainModel(signal, Small(), flags);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("clear of excluded"), std::string::npos) << r.error();
  for (std::size_t i = 0; i < flags.size(); i += 24) flags[i] = i < 1800;  // the first 60 %
  EXPECT_TRUE(HasEnoughClearSegments(flags, Small()));
  EXPECT_TRUE(TrainModel(signal, Small(), flags).ok());
  EXPECT_TRUE(HasEnoughClearSegments({}, Small()));  // nothing excluded
}

TEST(ModelTrainerTest, ExcludedFlagsMustMatchTheSamples) {
  const auto r = TrainModel(Ecg(3000), Small(), std::vector<bool>(100, false));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("100 flags for 3000 samples"), std::string::npos) << r.error();
}

TEST(ModelTrainerTest, WithoutTheFenceTheCalibrationKeepsItsLargestErrors) {
  const auto signal = EcgWithGlitch(nullptr);
  TrainOptions o = Small();
  const auto fenced = TrainModel(signal, o);
  o.fence_calibration = false;
  const auto kept = TrainModel(signal, o);
  ASSERT_TRUE(fenced.ok() && kept.ok());
  // The fence is 3x the 97 % quantile (~150); the glitches' hops reach ~1000.
  EXPECT_GT(kept->calibration.Quantile(1.0), 1.5 * fenced->calibration.Quantile(1.0));
  EXPECT_LE(fenced->calibration.Quantile(1.0), 3.5 * fenced->calibration.Quantile(0.97));
}

}  // namespace
}  // namespace shapewatch
