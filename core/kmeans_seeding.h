// Greedy k-means++ seeding (scikit-learn's), the first stage of a k-means
// restart. Internal to core/kmeans*; deterministic for a given rng state.
#pragma once

#include <random>

#include "core/kmeans_problem.h"
#include "core/matrix.h"

namespace shapewatch::kmeans_internal {

// Returns p.k initial centres (rows of p.x); draws from `rng`.
Matrix SeedPlusPlus(const Problem& p, std::mt19937_64& rng);

}  // namespace shapewatch::kmeans_internal
