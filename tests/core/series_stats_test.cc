#include "core/series_stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace shapewatch {
namespace {

std::vector<double> Sine(std::size_t n, double period, double amplitude, double offset) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = offset + amplitude * std::sin(2 * std::numbers::pi * static_cast<double>(i) / period);
  }
  return v;
}

TEST(RobustScale, ScalesWithTheSignalAndIgnoresOffsetsAndOutliers) {
  std::vector<double> a = Sine(1000, 50, 1.0, 0.0), b = Sine(1000, 50, 1000.0, 7e6);
  const double sa = RobustScale(a), sb = RobustScale(b);
  EXPECT_NEAR(sb / sa, 1000.0, 1e-3 * 1000.0);
  a[10] = 1e9;
  EXPECT_NEAR(RobustScale(a), sa, 0.02 * sa);
}

TEST(RobustScale, FallsBackWhenMostValuesAreEqual) {
  std::vector<double> v(1000, 5.0);
  for (std::size_t i = 0; i < 400; i += 2) v[i] = 9.0;
  EXPECT_GT(RobustScale(v), 0.0);
  EXPECT_EQ(RobustScale(std::vector<double>(10, 3.0)), 0.0);
}

TEST(IsNearlyConstant, FlatSeriesAreConstantAndAnyRealVariationIsNot) {
  EXPECT_TRUE(IsNearlyConstant(std::vector<double>(100, 0.0)));
  EXPECT_TRUE(IsNearlyConstant(std::vector<double>(100, 42.5)));
  std::vector<double> jitter(100, 1e6);
  jitter[3] += 1e-6;  // rounding noise on a large value
  EXPECT_TRUE(IsNearlyConstant(jitter));
  std::vector<double> one_step(100, 0.0);
  one_step[50] = 1.0;
  EXPECT_FALSE(IsNearlyConstant(one_step));
}

TEST(DominantPeriod, FindsThePeriodNotItsMultiples) {
  const auto p = DominantPeriod(Sine(4000, 61, 1.0, 3.0), 4, 1000);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(static_cast<double>(*p), 61.0, 1.0);
}

TEST(DominantPeriod, NoneForNoiseOrConstant) {
  std::vector<double> noise(4000);
  std::uint64_t x = 1;
  for (double& v : noise) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    v = static_cast<double>(x >> 11) * 0x1.0p-53;
  }
  EXPECT_FALSE(DominantPeriod(noise, 4, 1000).has_value());
  EXPECT_FALSE(DominantPeriod(std::vector<double>(4000, 1.0), 4, 1000).has_value());
}

}  // namespace
}  // namespace shapewatch
