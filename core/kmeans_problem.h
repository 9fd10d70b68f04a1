// The fixed inputs of one k-means fit, shared by its stages (seeding, Lloyd,
// Hartigan refinement; see kmeans.h). Internal to core/kmeans*.
#pragma once

#include <cstddef>

#include "core/matrix.h"

namespace shapewatch::kmeans_internal {

struct Problem {
  const Matrix& x;       // rows to cluster; outlives the Problem
  std::size_t k;         // clusters, at most the number of distinct rows
  std::size_t max_iter;  // Lloyd iterations per restart
  double tol_abs;        // Lloyd stops when the summed squared centre shift <= this
};

}  // namespace shapewatch::kmeans_internal
