// The blog's experiment (Rahtz 2015, after Dunning & Friedman ch. 4) on the
// bundled MIMIC MCL1 ECG at 500 Hz (not the blog's a02.dat): train on the
// first 8192 samples (L=32, slide 2, k=150, n_init 10, seed window, no
// normalisation), reconstruct the first 300 samples clean and with samples
// 210..214 set to 0, and compare the errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/model_trainer.h"
#include "core/streaming_reconstructor.h"
#include "tests/core/ecg_data.h"

namespace shapewatch {
namespace {

struct ErrorStats {
  double max = 0.0, p98 = 0.0;
};

ErrorStats Reconstruct(const std::shared_ptr<const Model>& model, std::span<const double> x) {
  StreamingReconstructor r(model);
  std::vector<double> abs_err;
  r.Push(x, [&](const Hop& hop) {
    for (double e : hop.error) abs_err.push_back(std::abs(e));
  });
  std::sort(abs_err.begin(), abs_err.end());
  ErrorStats s;
  s.max = abs_err.back();
  s.p98 = abs_err[static_cast<std::size_t>(std::ceil(0.98 * abs_err.size())) - 1];
  return s;
}

TEST(BlogReproductionTest, ZeroedSamplesRaiseTheMaxErrorSeveralTimes) {
  const std::vector<double> ecg =
      testing::LoadDataCsv(testing::EcgPath(SHAPEWATCH_TEST_DATA_DIR), 8192);
  TrainOptions options;
  options.exclude_share = 0.0;  // the blog fits every segment
  options.params.window = WindowKind::kSeed;
  options.params.normalization = Normalization::kNone;
  options.slide = 2;
  options.kmeans.clusters = 150;
  options.kmeans.n_init = 10;
  const auto trained = TrainModel(ecg, options);
  ASSERT_TRUE(trained.ok()) << trained.error();
  const auto model = std::make_shared<const Model>(*trained);
  ASSERT_EQ(model->training.segments, 4081u);

  const std::span<const double> first300(ecg.data(), 300);
  std::vector<double> broken(first300.begin(), first300.end());
  std::fill(broken.begin() + 210, broken.begin() + 215, 0.0);
  const ErrorStats clean = Reconstruct(model, first300);
  const ErrorStats zeroed = Reconstruct(model, broken);

  const auto [lo, hi] = std::minmax_element(first300.begin(), first300.end());
  std::printf("signal range %.0f..%.0f, stddev %.1f (first 8192)\n", *lo, *hi,
              model->training.stddev);
  std::printf("clean : max |error| %.2f, 98th percentile %.2f\n", clean.max, clean.p98);
  std::printf("zeroed: max |error| %.2f, 98th percentile %.2f (%.1fx the clean max)\n", zeroed.max,
              zeroed.p98, zeroed.max / clean.max);
  RecordProperty("clean_max_abs_error", std::to_string(clean.max));
  RecordProperty("clean_p98_abs_error", std::to_string(clean.p98));
  RecordProperty("zeroed_max_abs_error", std::to_string(zeroed.max));
  RecordProperty("zeroed_p98_abs_error", std::to_string(zeroed.p98));

  EXPECT_LT(clean.max, 0.1 * (*hi - *lo));
  EXPECT_LT(clean.p98, 0.15 * model->training.stddev);  // measured 0.12
  EXPECT_GE(zeroed.max, 3.0 * clean.max);
}

}  // namespace
}  // namespace shapewatch
