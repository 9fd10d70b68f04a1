// CentroidTable: nearest-centroid search, the hot loop of both training and
// detection.
//
// Holds the centroids interleaved in groups of 4 (dimension-major within a
// group, so each group is one contiguous stream) with their squared norms,
// so one query computes all k dot products with SIMD-friendly,
// register-blocked loops. The summation order per centroid is fixed, so the
// answer is bit-identical whatever instruction set the CPU dispatch picks.
// Immutable after construction; safe to query from several threads.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/matrix.h"

namespace shapewatch {

struct NearestCentroid {
  std::size_t index = 0;
  // Squared Euclidean distance, clamped at 0 (computed as |x|^2 - 2x.c + |c|^2).
  double distance_sq = 0.0;
};

class CentroidTable {
 public:
  CentroidTable() = default;
  explicit CentroidTable(const Matrix& centroids);

  std::size_t size() const { return count_; }
  std::size_t dimension() const { return dim_; }

  // The nearest centroid to `x` (dimension() values); ties go to the lowest
  // index. `x_norm_sq` is |x|^2, used only for the returned distance.
  NearestCentroid Nearest(const double* x, double x_norm_sq) const;

  // Nearest and second-nearest distances; used by k-means' bounds.
  struct TwoNearest {
    std::size_t index = 0;
    double distance_sq = 0.0;
    double second_distance_sq = 0.0;
  };
  TwoNearest NearestTwo(const double* x, double x_norm_sq) const;

  // Writes |c|^2 - 2 x.c for every centroid into out[0..size()).
  void PartialDistances(const double* x, double* out) const;

 private:
  std::size_t count_ = 0;
  std::size_t padded_ = 0;  // count_ rounded up to a multiple of 4
  std::size_t dim_ = 0;
  std::vector<double> transposed_;  // groups of 4 centroids, each dim_ x 4
  std::vector<double> norms_sq_;    // padded_, +inf in the padding
};

double SquaredNorm(std::span<const double> x);
double SquaredDistance(const double* a, const double* b, std::size_t n);

}  // namespace shapewatch
