#include "core/error_sketch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace shapewatch {
namespace {

TEST(ErrorSketchTest, QuantilesAreWithinRelativeAccuracy) {
  std::mt19937_64 rng(1);
  std::lognormal_distribution<double> dist(0.0, 2.0);
  std::vector<double> values(20000);
  ErrorSketch sketch;
  for (double& v : values) {
    v = dist(rng);
    sketch.Add(v);
  }
  std::sort(values.begin(), values.end());
  EXPECT_EQ(sketch.total(), 20000.0);
  for (double q : {0.01, 0.1, 0.5, 0.9, 0.98, 0.999}) {
    const double exact = values[static_cast<std::size_t>(std::ceil(q * 20000)) - 1];
    EXPECT_NEAR(sketch.Quantile(q), exact, 2.1 * sketch.accuracy() * exact) << "q=" << q;
  }
}

TEST(ErrorSketchTest, ZerosAndNaNAreHandled) {
  ErrorSketch sketch;
  sketch.Add(0.0);
  sketch.Add(-1.0);
  sketch.Add(std::nan(""));
  sketch.Add(1.0, 0.0);
  EXPECT_EQ(sketch.total(), 2.0);
  EXPECT_EQ(sketch.zero_count(), 2.0);
  EXPECT_EQ(sketch.Quantile(0.5), 0.0);
  EXPECT_EQ(sketch.MaxEdge(), 0.0);
}

TEST(ErrorSketchTest, FractionAtLeastIsOneBelowAndZeroAboveTheData) {
  ErrorSketch sketch;
  for (int i = 1; i <= 100; ++i) sketch.Add(i);
  EXPECT_EQ(sketch.FractionAtLeast(0.0), 1.0);
  EXPECT_NEAR(sketch.FractionAtLeast(0.5), 1.0, 1e-12);
  EXPECT_NEAR(sketch.FractionAtLeast(50.0), 0.51, 0.03);
  EXPECT_EQ(sketch.FractionAtLeast(1000.0), 0.0);
  EXPECT_GE(sketch.MaxEdge(), 100.0);
  EXPECT_LE(sketch.MaxEdge(), 100.0 * (1 + 2 * sketch.accuracy()));
}

TEST(ErrorSketchTest, FoldingLowestBucketsKeepsTheTotalAndTheTail) {
  ErrorSketch sketch(0.02, 16);
  double weight = 0.0;
  for (int e = -40; e <= 10; ++e) {
    sketch.Add(std::pow(2.0, e), 1.0 + e * 0.0);
    weight += 1.0;
  }
  EXPECT_LE(sketch.counts().size(), 16u);
  EXPECT_EQ(sketch.total(), weight);
  double sum = sketch.zero_count();
  for (double c : sketch.counts()) sum += c;
  EXPECT_EQ(sum, weight);
  EXPECT_NEAR(sketch.Quantile(1.0), 1024.0, 1024.0 * 0.02);
}

TEST(ErrorSketchTest, FromPartsValidatesAndRebuildsAnEqualSketch) {
  ErrorSketch original;
  for (int i = 1; i < 50; ++i) original.Add(i * 0.37);
  original.Add(0.0);
  ErrorSketch copy;
  ASSERT_TRUE(ErrorSketch::FromParts(original.accuracy(), original.max_buckets(),
                                     original.min_index(), original.counts(), original.zero_count(),
                                     &copy));
  EXPECT_TRUE(copy == original);
  ErrorSketch out;
  EXPECT_FALSE(ErrorSketch::FromParts(0.0, 1024, 0, {1.0}, 0.0, &out));
  EXPECT_FALSE(ErrorSketch::FromParts(0.6, 1024, 0, {1.0}, 0.0, &out));
  EXPECT_FALSE(ErrorSketch::FromParts(0.02, 1, 0, {1.0}, 0.0, &out));
  EXPECT_FALSE(ErrorSketch::FromParts(0.02, 2, 0, {1.0, 1.0, 1.0}, 0.0, &out));
  EXPECT_FALSE(ErrorSketch::FromParts(0.02, 1024, 0, {-1.0}, 0.0, &out));
  EXPECT_FALSE(ErrorSketch::FromParts(0.02, 1024, 0, {std::nan("")}, 0.0, &out));
  EXPECT_FALSE(ErrorSketch::FromParts(0.02, 1024, 0, {1.0}, -1.0, &out));
  EXPECT_FALSE(ErrorSketch::FromParts(0.02, 1024, 0, {1.0}, INFINITY, &out));
}

TEST(ErrorSketchTest, DecayWeighsOldValuesLessAndKeepsTheShape) {
  ErrorSketch s;
  for (int i = 1; i <= 100; ++i) s.Add(i);
  const double median = s.Quantile(0.5);
  s.Decay(0.5);
  EXPECT_DOUBLE_EQ(s.total(), 50.0);
  EXPECT_DOUBLE_EQ(s.Quantile(0.5), median);
  for (int i = 0; i < 50; ++i) s.Add(1000.0);  // new values now weigh as much as all old ones
  EXPECT_NEAR(s.FractionAtLeast(500.0), 0.5, 1e-12);
}

}  // namespace
}  // namespace shapewatch
