#include "core/centroid_table.h"

#include <limits>

namespace shapewatch {
namespace {

typedef double V4 __attribute__((vector_size(32)));

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(SHAPEWATCH_NO_CLONES)
#define SHAPEWATCH_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SHAPEWATCH_CLONES
#endif

// Unaligned loads of 4 doubles (the table is only 8-byte aligned).
typedef double V4u __attribute__((vector_size(32), aligned(8)));

// R groups of 4 centroids, accumulated in registers across the j loop, so
// the adds of different centroids overlap instead of waiting on each other.
// Group g's values are contiguous: t[(g * dim + j) * 4 + lane].
template <int R>
__attribute__((always_inline)) inline void DotGroups(const double* x, const double* t,
                                                     std::size_t dim, std::size_t g, double* dots) {
  V4 acc[R];
#pragma GCC unroll 8
  for (int b = 0; b < R; ++b) acc[b] = V4{0.0, 0.0, 0.0, 0.0};
  const double* base = t + g * dim * 4;
  for (std::size_t j = 0; j < dim; ++j) {
    const V4 xj = {x[j], x[j], x[j], x[j]};
#pragma GCC unroll 8
    for (int b = 0; b < R; ++b) {
      acc[b] += xj * *reinterpret_cast<const V4u*>(base + (b * dim + j) * 4);
    }
  }
#pragma GCC unroll 8
  for (int b = 0; b < R; ++b) *reinterpret_cast<V4u*>(dots + (g + b) * 4) = acc[b];
}

// dots[c] = sum_j x[j] * c[j] for c in [0, groups * 4), accumulated in j
// order (the same order whatever the vector width).
SHAPEWATCH_CLONES
void DotProducts(const double* x, const double* t, std::size_t dim, std::size_t groups,
                 double* dots) {
  std::size_t g = 0;
  for (; g + 6 <= groups; g += 6) DotGroups<6>(x, t, dim, g, dots);
  switch (groups - g) {
    case 5:
      DotGroups<5>(x, t, dim, g, dots);
      break;
    case 4:
      DotGroups<4>(x, t, dim, g, dots);
      break;
    case 3:
      DotGroups<3>(x, t, dim, g, dots);
      break;
    case 2:
      DotGroups<2>(x, t, dim, g, dots);
      break;
    case 1:
      DotGroups<1>(x, t, dim, g, dots);
      break;
    default:
      break;
  }
}

}  // namespace

double SquaredNorm(std::span<const double> x) {
  double s = 0.0;
  for (double v : x) s += v * v;
  return s;
}

// Four interleaved partial sums (fixed order, so the same on every CPU)
// break the chain of dependent adds.
double SquaredDistance(const double* a, const double* b, std::size_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const double d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1];
    const double d2 = a[i + 2] - b[i + 2], d3 = a[i + 3] - b[i + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; i < n; ++i) {
    const double d = a[i] - b[i];
    s0 += d * d;
  }
  return (s0 + s1) + (s2 + s3);
}

CentroidTable::CentroidTable(const Matrix& centroids)
    : count_(centroids.rows()),
      padded_((centroids.rows() + 3) / 4 * 4),
      dim_(centroids.cols()),
      transposed_(dim_ * padded_, 0.0),
      norms_sq_(padded_, std::numeric_limits<double>::infinity()) {
  for (std::size_t c = 0; c < count_; ++c) {
    norms_sq_[c] = SquaredNorm(centroids.row(c));
    for (std::size_t j = 0; j < dim_; ++j) {
      transposed_[((c / 4) * dim_ + j) * 4 + c % 4] = centroids.at(c, j);
    }
  }
}

void CentroidTable::PartialDistances(const double* x, double* out) const {
  DotProducts(x, transposed_.data(), dim_, padded_ / 4, out);
  for (std::size_t c = 0; c < padded_; ++c) out[c] = norms_sq_[c] - 2.0 * out[c];
}

NearestCentroid CentroidTable::Nearest(const double* x, double x_norm_sq) const {
  alignas(32) double scratch[512];
  std::vector<double> heap;
  double* d = scratch;
  if (padded_ > 512) {
    heap.resize(padded_);
    d = heap.data();
  }
  PartialDistances(x, d);
  std::size_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < count_; ++c) {
    if (d[c] < best_d) {
      best_d = d[c];
      best = c;
    }
  }
  const double dist = x_norm_sq + best_d;
  return {best, dist > 0.0 ? dist : 0.0};
}

CentroidTable::TwoNearest CentroidTable::NearestTwo(const double* x, double x_norm_sq) const {
  alignas(32) double scratch[512];
  std::vector<double> heap;
  double* d = scratch;
  if (padded_ > 512) {
    heap.resize(padded_);
    d = heap.data();
  }
  PartialDistances(x, d);
  const double inf = std::numeric_limits<double>::infinity();
  std::size_t best = 0;
  double d1 = inf, d2 = inf;
  for (std::size_t c = 0; c < count_; ++c) {
    if (d[c] < d1) {
      d2 = d1;
      d1 = d[c];
      best = c;
    } else if (d[c] < d2) {
      d2 = d[c];
    }
  }
  auto clamp = [&](double v) {
    const double s = x_norm_sq + v;
    return s > 0.0 ? s : 0.0;
  };
  return {best, clamp(d1), count_ > 1 ? clamp(d2) : inf};
}

}  // namespace shapewatch
