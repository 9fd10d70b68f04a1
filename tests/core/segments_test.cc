#include "core/segments.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/window.h"

namespace shapewatch {
namespace {

TEST(SegmentsTest, CountsCompleteSegmentsAndDropsTruncatedTail) {
  std::vector<double> signal(100);
  std::iota(signal.begin(), signal.end(), 0.0);
  const std::vector<double> ones(32, 1.0);
  EXPECT_EQ(SlidingSegments(signal, ones, 2, Normalization::kNone).rows(), 35u);
  EXPECT_EQ(SlidingSegments(signal, ones, 16, Normalization::kNone).rows(), 5u);
  EXPECT_EQ(SlidingSegments(signal, ones, 68, Normalization::kNone).rows(), 2u);
  EXPECT_EQ(SlidingSegments(std::span(signal).first(31), ones, 1, Normalization::kNone).rows(), 0u);
  EXPECT_EQ(SlidingSegments(std::span(signal).first(32), ones, 1, Normalization::kNone).rows(), 1u);
  // The blog's configuration: 8192 samples, L=32, slide 2.
  EXPECT_EQ(SlidingSegments(std::vector<double>(8192, 1.0), ones, 2, Normalization::kNone).rows(),
            4081u);
}

TEST(SegmentsTest, RowsStartAtMultiplesOfStepAndAreWindowed) {
  std::vector<double> signal(50);
  std::iota(signal.begin(), signal.end(), 1.0);
  const auto w = MakeWindow(WindowKind::kHann, 8);
  const Matrix m = SlidingSegments(signal, w, 3, Normalization::kNone);
  ASSERT_EQ(m.cols(), 8u);
  for (std::size_t i = 0; i < m.rows(); ++i) {
    for (std::size_t j = 0; j < 8; ++j) {
      EXPECT_EQ(m.at(i, j), signal[i * 3 + j] * w[j]);
    }
  }
}

TEST(SegmentsTest, UnitNormalisationScalesRowsToNormOne) {
  std::vector<double> signal(64);
  for (std::size_t i = 0; i < signal.size(); ++i) signal[i] = std::sin(0.3 * i) * 7.0 + 2.0;
  const Matrix m =
      SlidingSegments(signal, MakeWindow(WindowKind::kHann, 16), 4, Normalization::kUnit);
  for (std::size_t i = 0; i < m.rows(); ++i) {
    double s = 0.0;
    for (double v : m.row(i)) s += v * v;
    EXPECT_NEAR(s, 1.0, 1e-12);
  }
}

TEST(SegmentsTest, ZeroNormSegmentStaysZeroAndReportsZeroNorm) {
  std::vector<double> zeros(8, 0.0);
  EXPECT_EQ(NormalizeToUnit(zeros), 0.0);
  for (double v : zeros) EXPECT_EQ(v, 0.0);
  const Matrix m = SlidingSegments(std::vector<double>(20, 0.0), MakeWindow(WindowKind::kHann, 8),
                                   2, Normalization::kUnit);
  for (std::size_t i = 0; i < m.rows() * m.cols(); ++i) EXPECT_EQ(m.data()[i], 0.0);
}

TEST(SegmentsTest, NormalizeToUnitReturnsTheOriginalNorm) {
  std::vector<double> v = {3.0, 4.0};
  EXPECT_EQ(NormalizeToUnit(v), 5.0);
  EXPECT_DOUBLE_EQ(v[0], 0.6);
  EXPECT_DOUBLE_EQ(v[1], 0.8);
}

TEST(SegmentsTest, CenteringRemovesTheLevelAndReportsIt) {
  const std::vector<double> window = {0.25, 1.0, 1.0, 0.25};
  const std::vector<double> shape = {1.0, -2.0, 3.0, 0.5};
  std::vector<double> a(4), b(4);
  for (std::size_t j = 0; j < 4; ++j) {
    a[j] = shape[j] * window[j];
    b[j] = (shape[j] + 100.0) * window[j];  // the same shape 100 higher
  }
  const SegmentScale sa = NormalizeSegment(a, window, Normalization::kCenter);
  const SegmentScale sb = NormalizeSegment(b, window, Normalization::kCenter);
  EXPECT_NEAR(sb.offset - sa.offset, 100.0, 1e-9);
  EXPECT_EQ(sa.scale, 1.0);
  double along_window = 0.0;
  for (std::size_t j = 0; j < 4; ++j) {
    EXPECT_NEAR(a[j], b[j], 1e-9);
    along_window += a[j] * window[j];
  }
  EXPECT_NEAR(along_window, 0.0, 1e-12);  // no level left
  // A constant segment centres to zeros: its level is all it has.
  std::vector<double> flat = {7.0 * 0.25, 7.0, 7.0, 7.0 * 0.25};
  EXPECT_DOUBLE_EQ(NormalizeSegment(flat, window, Normalization::kCenter).offset, 7.0);
  for (double v : flat) EXPECT_NEAR(v, 0.0, 1e-12);
}

TEST(SegmentsTest, NormalizationNamesRoundTrip) {
  EXPECT_EQ(ParseNormalization("none"), Normalization::kNone);
  EXPECT_EQ(ParseNormalization("unit"), Normalization::kUnit);
  EXPECT_EQ(ParseNormalization("center"), Normalization::kCenter);
  EXPECT_EQ(NormalizationName(Normalization::kCenter), "center");
  EXPECT_FALSE(ParseNormalization("l2").has_value());
  EXPECT_EQ(NormalizationName(Normalization::kUnit), "unit");
}

}  // namespace
}  // namespace shapewatch
