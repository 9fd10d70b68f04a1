#include "core/centroid_table.h"

#include <limits>

namespace shapewatch {
namespace {

typedef double V4 __attribute__((vector_size(32)));

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(SHAPEWATCH_NO_CLONES)
#define SHAPEWATCH_CLONES \
  __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SHAPEWATCH_CLONES
#endif

// R blocks of 4 centroids, accumulated in registers across the j loop, so
// the adds of different centroids overlap instead of waiting on each other.
template <int R>
__attribute__((always_inline)) inline void DotBlock(const double* x, const double* t,
                                                    std::size_t dim, std::size_t padded,
                                                    std::size_t c, double* dots) {
  V4 acc[R] = {};
  for (std::size_t j = 0; j < dim; ++j) {
    const double* row = t + j * padded + c;
    const V4 xj = {x[j], x[j], x[j], x[j]};
    V4 r[R];
    __builtin_memcpy(r, row, sizeof(r));
#pragma GCC unroll 8
    for (int b = 0; b < R; ++b) acc[b] += xj * r[b];
  }
  __builtin_memcpy(dots + c, acc, sizeof(acc));
}

// dots[c] = sum_j x[j] * t[j*padded + c] for c in [0, padded), accumulated in
// j order (the same order whatever the vector width).
SHAPEWATCH_CLONES
void DotProducts(const double* x, const double* t, std::size_t dim,
                 std::size_t padded, double* dots) {
  std::size_t c = 0;
  for (; c + 32 <= padded; c += 32) DotBlock<8>(x, t, dim, padded, c, dots);
  switch ((padded - c) / 4) {
    case 7: DotBlock<7>(x, t, dim, padded, c, dots); break;
    case 6: DotBlock<6>(x, t, dim, padded, c, dots); break;
    case 5: DotBlock<5>(x, t, dim, padded, c, dots); break;
    case 4: DotBlock<4>(x, t, dim, padded, c, dots); break;
    case 3: DotBlock<3>(x, t, dim, padded, c, dots); break;
    case 2: DotBlock<2>(x, t, dim, padded, c, dots); break;
    case 1: DotBlock<1>(x, t, dim, padded, c, dots); break;
    default: break;
  }
}

}  // namespace

double SquaredNorm(std::span<const double> x) {
  double s = 0.0;
  for (double v : x) s += v * v;
  return s;
}

double SquaredDistance(const double* a, const double* b, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = a[i] - b[i];
    s += d * d;
  }
  return s;
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
      transposed_[j * padded_ + c] = centroids.at(c, j);
    }
  }
}

void CentroidTable::PartialDistances(const double* x, double* out) const {
  DotProducts(x, transposed_.data(), dim_, padded_, out);
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

CentroidTable::TwoNearest CentroidTable::NearestTwo(const double* x,
                                                    double x_norm_sq) const {
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
