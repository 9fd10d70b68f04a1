// Lloyd iterations accelerated with Hamerly's bounds (same fixed points as
// plain Lloyd), the middle stage of a k-means restart. Internal to
// core/kmeans*; deterministic.
#pragma once

#include <cstddef>
#include <vector>

#include "core/kmeans_problem.h"
#include "core/matrix.h"

namespace shapewatch::kmeans_internal {

struct LloydResult {
  Matrix centers;                   // p.k x dimension
  std::vector<std::size_t> labels;  // nearest of the final centres, per row
  std::size_t iterations = 0;       // at most p.max_iter
  bool converged = false;           // labels stable or shift <= p.tol_abs
};

// Iterates from `centers` (p.k rows). `norms` holds |x_i|^2 per row of p.x.
LloydResult RunLloyd(const Problem& p, const std::vector<double>& norms, Matrix centers);

}  // namespace shapewatch::kmeans_internal
