#include "core/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/centroid_table.h"
#include "core/kmeans_hartigan.h"
#include "core/kmeans_lloyd.h"
#include "core/kmeans_problem.h"
#include "core/kmeans_seeding.h"

namespace shapewatch {
namespace {

using kmeans_internal::Problem;

std::optional<std::string> InvalidInput(const Matrix& data, const KMeansOptions& options) {
  if (data.rows() == 0 || data.cols() == 0) return "k-means: no data to cluster (0 segments)";
  if (options.clusters == 0) return "k-means: clusters must be at least 1";
  if (options.n_init == 0) return "k-means: n_init must be at least 1";
  if (options.max_iter == 0) return "k-means: max_iter must be at least 1";
  if (!(options.tol >= 0.0)) return "k-means: tol must be >= 0";
  for (std::size_t i = 0; i < data.rows() * data.cols(); ++i) {
    if (!std::isfinite(data.data()[i])) {
      return "k-means: segment " + std::to_string(i / data.cols()) + " holds a non-finite value";
    }
  }
  return std::nullopt;
}

double MeanFeatureVariance(const Matrix& x) {
  const std::size_t n = x.rows(), dim = x.cols();
  double total = 0.0;
  for (std::size_t j = 0; j < dim; ++j) {
    double mean = 0.0;
    for (std::size_t i = 0; i < n; ++i) mean += x.at(i, j);
    mean /= static_cast<double>(n);
    double var = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double d = x.at(i, j) - mean;
      var += d * d;
    }
    total += var / static_cast<double>(n);
  }
  return total / static_cast<double>(dim);
}

std::vector<double> RowNorms(const Matrix& x) {
  std::vector<double> norms(x.rows());
  for (std::size_t i = 0; i < x.rows(); ++i) norms[i] = SquaredNorm(x.row(i));
  return norms;
}

// Labels, sizes and inertia of the final centres.
KMeansResult Summarize(const Problem& p, const std::vector<double>& norms, Matrix centers) {
  KMeansResult r;
  const CentroidTable table(centers);
  r.labels.resize(p.x.rows());
  r.sizes.assign(p.k, 0);
  for (std::size_t i = 0; i < p.x.rows(); ++i) {
    r.labels[i] = table.Nearest(p.x.row(i).data(), norms[i]).index;
    ++r.sizes[r.labels[i]];
    r.inertia += SquaredDistance(p.x.row(i).data(), centers.row(r.labels[i]).data(), p.x.cols());
  }
  r.centroids = std::move(centers);
  return r;
}

// One restart: seeding, Lloyd, then the Hartigan refinement.
KMeansResult FitOnce(const Problem& p, const std::vector<double>& norms, std::mt19937_64& rng) {
  kmeans_internal::LloydResult lloyd =
      kmeans_internal::RunLloyd(p, norms, kmeans_internal::SeedPlusPlus(p, rng));
  Matrix centers = kmeans_internal::RefineHartigan(p.x, norms, p.k, lloyd.labels);
  KMeansResult r = Summarize(p, norms, std::move(centers));
  r.iterations = lloyd.iterations;
  r.converged = lloyd.converged;
  return r;
}

}  // namespace

std::size_t CountDistinctRows(const Matrix& data) {
  std::vector<std::size_t> order(data.rows());
  std::iota(order.begin(), order.end(), 0);
  auto less = [&](std::size_t a, std::size_t b) {
    auto ra = data.row(a), rb = data.row(b);
    return std::lexicographical_compare(ra.begin(), ra.end(), rb.begin(), rb.end());
  };
  std::sort(order.begin(), order.end(), less);
  std::size_t distinct = order.empty() ? 0 : 1;
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (less(order[i - 1], order[i])) ++distinct;
  }
  return distinct;
}

Result<KMeansResult> FitKMeans(const Matrix& data, const KMeansOptions& options) {
  if (auto error = InvalidInput(data, options)) return Error{std::move(*error)};
  std::vector<std::string> notes;
  std::size_t k = options.clusters;
  const std::size_t distinct = CountDistinctRows(data);
  if (distinct < k) {
    notes.push_back("clusters lowered from " + std::to_string(k) + " to " +
                    std::to_string(distinct) + ": the data has only " + std::to_string(distinct) +
                    " distinct segments");
    k = distinct;
  }
  const Problem problem{data, k, options.max_iter, options.tol * MeanFeatureVariance(data)};
  const std::vector<double> norms = RowNorms(data);
  std::mt19937_64 rng(options.seed);
  KMeansResult best;
  best.inertia = std::numeric_limits<double>::infinity();
  for (std::size_t run = 0; run < options.n_init; ++run) {
    KMeansResult r = FitOnce(problem, norms, rng);
    if (r.inertia < best.inertia) best = std::move(r);
  }
  best.clusters_requested = options.clusters;
  best.notes = std::move(notes);
  return best;
}

}  // namespace shapewatch
