// K-means clustering: greedy k-means++ seeding, Lloyd iterations accelerated
// with Hamerly's bounds (same fixed points as plain Lloyd), then a
// Hartigan-style refinement, restarts keeping the lowest inertia.
//
// Semantics follow scikit-learn's KMeans so results can be compared side by
// side: `tol` is relative to the mean per-feature variance of the data, empty
// clusters are re-seeded with the points farthest from their centres. Unlike
// scikit-learn, once Lloyd stops each restart moves single points x from
// cluster a to b while n_b/(n_b+1)|x-c_b|^2 < n_a/(n_a-1)|x-c_a|^2 (which
// strictly lowers the inertia, updating both centres at once) until no such
// move is left; the result is also a Lloyd fixed point, with lower inertia.
// Deterministic for a given seed. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/matrix.h"
#include "core/result.h"

namespace shapewatch {

struct KMeansOptions {
  std::size_t clusters = 150;  // k; lowered to the number of distinct rows
  std::size_t n_init = 10;     // restarts; the lowest inertia wins
  std::size_t max_iter = 300;  // Lloyd iterations per restart
  double tol = 1e-4;           // on the summed squared centre shift, x mean variance
  std::uint64_t seed = 0;
};

struct KMeansResult {
  Matrix centroids;                 // clusters x dimension
  std::vector<std::size_t> labels;  // nearest centroid of each row
  std::vector<std::size_t> sizes;   // rows per centroid
  double inertia = 0.0;             // sum of squared distances to centroids
  std::size_t iterations = 0;       // of the winning restart
  bool converged = false;           // the winning restart met tol
  std::size_t clusters_requested = 0;
  std::vector<std::string> notes;  // e.g. "k lowered from 150 to 3: ..."
};

Result<KMeansResult> FitKMeans(const Matrix& data, const KMeansOptions& options);

// Number of distinct rows (exact equality).
std::size_t CountDistinctRows(const Matrix& data);

}  // namespace shapewatch
