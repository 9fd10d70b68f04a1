// Hartigan-style refinement of a Lloyd fixed point, the last stage of a
// k-means restart (see kmeans.h). Internal to core/kmeans*; deterministic.
#pragma once

#include <cstddef>
#include <vector>

#include "core/matrix.h"

namespace shapewatch::kmeans_internal {

// Moves single rows of `x` between the `k` clusters given by `labels` while
// that strictly lowers the inertia; updates `labels` and returns the centres
// (the means of the final labels). `norms` holds |x_i|^2 per row.
Matrix RefineHartigan(const Matrix& x, const std::vector<double>& norms, std::size_t k,
                      std::vector<std::size_t>& labels);

}  // namespace shapewatch::kmeans_internal
