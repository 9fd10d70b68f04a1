#include "core/centroid_table.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

namespace shapewatch {
namespace {

Matrix RandomMatrix(std::size_t rows, std::size_t cols, std::mt19937_64& rng) {
  std::normal_distribution<double> normal;
  Matrix m(rows, cols);
  for (std::size_t i = 0; i < rows * cols; ++i) m.data()[i] = normal(rng);
  return m;
}

// Brute force with the table's own arithmetic (|c|^2 - 2 x.c, dot in j
// order), so ties and near-ties must agree exactly.
std::size_t BruteNearest(const Matrix& c, const double* x) {
  std::size_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < c.rows(); ++i) {
    double dot = 0.0, norm = 0.0;
    for (std::size_t j = 0; j < c.cols(); ++j) {
      dot += x[j] * c.at(i, j);
      norm += c.at(i, j) * c.at(i, j);
    }
    const double d = norm - 2.0 * dot;
    if (d < best_d) {
      best_d = d;
      best = i;
    }
  }
  return best;
}

class CentroidTableSizes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(CentroidTableSizes, NearestMatchesBruteForceOnRandomData) {
  const std::size_t k = GetParam();
  std::mt19937_64 rng(k);
  for (std::size_t dim : {1u, 3u, 32u}) {
    const Matrix centroids = RandomMatrix(k, dim, rng);
    const CentroidTable table(centroids);
    ASSERT_EQ(table.size(), k);
    const Matrix queries = RandomMatrix(200, dim, rng);
    for (std::size_t q = 0; q < queries.rows(); ++q) {
      const double* x = queries.row(q).data();
      const auto got = table.Nearest(x, SquaredNorm(queries.row(q)));
      const std::size_t want = BruteNearest(centroids, x);
      ASSERT_EQ(got.index, want) << "k=" << k << " dim=" << dim << " query " << q;
      EXPECT_NEAR(got.distance_sq, SquaredDistance(x, centroids.row(want).data(), dim), 1e-9);
      const auto two = table.NearestTwo(x, SquaredNorm(queries.row(q)));
      EXPECT_EQ(two.index, want);
      EXPECT_LE(two.distance_sq, two.second_distance_sq);
    }
  }
}

// k not a multiple of 4, of the 6-group block, and beyond the 512 scratch.
INSTANTIATE_TEST_SUITE_P(Ks, CentroidTableSizes,
                         ::testing::Values(1, 2, 3, 5, 7, 23, 24, 25, 150, 513, 700));

TEST(CentroidTableTest, TiesGoToTheLowestIndex) {
  Matrix c(9, 2);
  // Centroids 2, 5 and 8 are the same point; 4 and 6 are mirror images.
  const double rows[9][2] = {{9, 9}, {8, 8},  {1, 0}, {7, 7}, {0, 1},
                             {1, 0}, {0, -1}, {6, 6}, {1, 0}};
  for (std::size_t i = 0; i < 9; ++i) {
    c.at(i, 0) = rows[i][0];
    c.at(i, 1) = rows[i][1];
  }
  const CentroidTable table(c);
  const double x[2] = {1.0, 0.0};
  EXPECT_EQ(table.Nearest(x, 1.0).index, 2u);
  const double origin[2] = {0.0, 0.0};  // 2, 4, 5, 6, 8 all at distance 1
  EXPECT_EQ(table.Nearest(origin, 0.0).index, 2u);
  EXPECT_EQ(table.Nearest(origin, 0.0).distance_sq, 1.0);
}

TEST(CentroidTableTest, DistanceIsClampedAtZero) {
  Matrix c(1, 3);
  c.at(0, 0) = 0.1;
  c.at(0, 1) = 0.2;
  c.at(0, 2) = 0.3;
  const CentroidTable table(c);
  const auto r = table.Nearest(c.row(0).data(), SquaredNorm(c.row(0)));
  EXPECT_GE(r.distance_sq, 0.0);
  EXPECT_LT(r.distance_sq, 1e-15);
}

TEST(CentroidTableTest, SingleCentroidHasInfiniteSecondDistance) {
  Matrix c(1, 2);
  const CentroidTable table(c);
  const double x[2] = {1, 1};
  EXPECT_EQ(table.NearestTwo(x, 2.0).second_distance_sq, std::numeric_limits<double>::infinity());
}

TEST(CentroidTableTest, SquaredDistanceAndNorm) {
  const std::vector<double> a = {1, 2, 3, 4, 5}, b = {0, 2, 5, 4, 2};
  EXPECT_EQ(SquaredDistance(a.data(), b.data(), 5), 1.0 + 4.0 + 9.0);
  EXPECT_EQ(SquaredNorm(a), 55.0);
}

}  // namespace
}  // namespace shapewatch
