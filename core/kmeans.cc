#include "core/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "core/centroid_table.h"

namespace shapewatch {
namespace {

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(SHAPEWATCH_NO_CLONES)
#define SHAPEWATCH_CLONES \
  __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define SHAPEWATCH_CLONES
#endif

// Uniform double in [0, 1) from the standard-specified mt19937_64 stream, so
// results do not depend on the standard library's distributions.
double Uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// out[i] = min(out_in[i], |x_i - c|^2) for every row, with X stored
// dimension-major (xt[j * n + i]). Returns the sum of out.
SHAPEWATCH_CLONES
void DistancesToPoint(const double* xt, std::size_t n, std::size_t dim,
                      const double* c, double* out) {
  std::fill(out, out + n, 0.0);
  for (std::size_t j = 0; j < dim; ++j) {
    const double* col = xt + j * n;
    const double cj = c[j];
    for (std::size_t i = 0; i < n; ++i) {
      const double d = col[i] - cj;
      out[i] += d * d;
    }
  }
}

struct Problem {
  const Matrix& x;
  std::vector<double> xt;  // dimension-major copy for seeding
  std::size_t k;
  std::size_t max_iter;
  double tol_abs;
};

Matrix SeedPlusPlus(const Problem& p, std::mt19937_64& rng) {
  const std::size_t n = p.x.rows(), dim = p.x.cols();
  const std::size_t trials =
      2 + static_cast<std::size_t>(std::log(static_cast<double>(p.k)));
  Matrix centers(p.k, dim);
  std::size_t first = static_cast<std::size_t>(Uniform01(rng) * n);
  std::copy_n(p.x.row(first).data(), dim, centers.row(0).data());
  std::vector<double> closest(n), cumulative(n), cand_dist(n), best_dist(n);
  DistancesToPoint(p.xt.data(), n, dim, centers.row(0).data(), closest.data());
  double potential = std::accumulate(closest.begin(), closest.end(), 0.0);
  for (std::size_t c = 1; c < p.k; ++c) {
    std::partial_sum(closest.begin(), closest.end(), cumulative.begin());
    double best_potential = std::numeric_limits<double>::infinity();
    std::size_t best_index = 0;
    for (std::size_t t = 0; t < trials; ++t) {
      const double r = Uniform01(rng) * potential;
      std::size_t idx = static_cast<std::size_t>(
          std::lower_bound(cumulative.begin(), cumulative.end(), r) -
          cumulative.begin());
      idx = std::min(idx, n - 1);
      DistancesToPoint(p.xt.data(), n, dim, p.x.row(idx).data(), cand_dist.data());
      double pot = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        cand_dist[i] = std::min(cand_dist[i], closest[i]);
        pot += cand_dist[i];
      }
      if (pot < best_potential) {
        best_potential = pot;
        best_index = idx;
        best_dist.swap(cand_dist);
      }
    }
    std::copy_n(p.x.row(best_index).data(), dim, centers.row(c).data());
    closest.swap(best_dist);
    potential = best_potential;
  }
  return centers;
}

// One restart's state for Lloyd iterations with Hamerly's bounds.
class LloydRun {
 public:
  LloydRun(const Problem& p, Matrix centers)
      : p_(p),
        n_(p.x.rows()),
        dim_(p.x.cols()),
        centers_(std::move(centers)),
        labels_(n_),
        upper_(n_),
        lower_(n_),
        norms_(n_) {
    for (std::size_t i = 0; i < n_; ++i) norms_[i] = SquaredNorm(p.x.row(i));
  }

  void Run() {
    FullAssign();
    std::vector<std::size_t> previous;
    for (iterations_ = 1; iterations_ <= p_.max_iter; ++iterations_) {
      const double shift_total = MoveCenters();
      previous = labels_;
      BoundedAssign();
      if (labels_ == previous || shift_total <= p_.tol_abs) {
        converged_ = true;
        break;
      }
    }
    iterations_ = std::min(iterations_, p_.max_iter);
  }

  double Inertia() const {
    double total = 0.0;
    for (std::size_t i = 0; i < n_; ++i) {
      total += SquaredDistance(p_.x.row(i).data(), centers_.row(labels_[i]).data(), dim_);
    }
    return total;
  }

  KMeansResult TakeResult() {
    KMeansResult r;
    r.inertia = Inertia();
    r.sizes.assign(p_.k, 0);
    for (std::size_t l : labels_) ++r.sizes[l];
    r.centroids = std::move(centers_);
    r.labels = std::move(labels_);
    r.iterations = iterations_;
    r.converged = converged_;
    return r;
  }

 private:
  void FullAssign() {
    const CentroidTable table(centers_);
    for (std::size_t i = 0; i < n_; ++i) AssignFromScratch(table, i);
  }

  void AssignFromScratch(const CentroidTable& table, std::size_t i) {
    const auto two = table.NearestTwo(p_.x.row(i).data(), norms_[i]);
    labels_[i] = two.index;
    upper_[i] = std::sqrt(two.distance_sq) * (1.0 + kSlack);
    lower_[i] = std::sqrt(two.second_distance_sq) * (1.0 - kSlack);
  }

  void BoundedAssign() {
    const CentroidTable table(centers_);
    const std::vector<double> half_gap = HalfGapToNearestOtherCenter();
    for (std::size_t i = 0; i < n_; ++i) {
      const double bound = std::max(half_gap[labels_[i]], lower_[i]);
      if (upper_[i] <= bound) continue;
      upper_[i] = std::sqrt(SquaredDistance(p_.x.row(i).data(),
                                            centers_.row(labels_[i]).data(), dim_)) *
                  (1.0 + kSlack);
      if (upper_[i] <= bound) continue;
      AssignFromScratch(table, i);
    }
  }

  std::vector<double> HalfGapToNearestOtherCenter() const {
    std::vector<double> gap(p_.k, std::numeric_limits<double>::infinity());
    for (std::size_t a = 0; a < p_.k; ++a) {
      for (std::size_t b = a + 1; b < p_.k; ++b) {
        const double d = std::sqrt(SquaredDistance(centers_.row(a).data(),
                                                   centers_.row(b).data(), dim_));
        gap[a] = std::min(gap[a], d);
        gap[b] = std::min(gap[b], d);
      }
    }
    for (double& g : gap) g = 0.5 * g * (1.0 - kSlack);
    return gap;
  }

  // M-step; returns the summed squared centre shift and updates the bounds.
  double MoveCenters() {
    Matrix sums(p_.k, dim_);
    std::vector<double> counts(p_.k, 0.0);
    for (std::size_t i = 0; i < n_; ++i) {
      auto row = p_.x.row(i);
      auto s = sums.row(labels_[i]);
      for (std::size_t j = 0; j < dim_; ++j) s[j] += row[j];
      counts[labels_[i]] += 1.0;
    }
    RelocateEmptyClusters(sums, counts);
    std::vector<double> shift(p_.k, 0.0);
    double shift_total = 0.0, max_shift = 0.0;
    for (std::size_t c = 0; c < p_.k; ++c) {
      auto s = sums.row(c);
      for (std::size_t j = 0; j < dim_; ++j) s[j] /= counts[c];
      const double d2 = SquaredDistance(s.data(), centers_.row(c).data(), dim_);
      shift[c] = std::sqrt(d2);
      shift_total += d2;
      max_shift = std::max(max_shift, shift[c]);
    }
    centers_ = std::move(sums);
    for (std::size_t i = 0; i < n_; ++i) {
      upper_[i] += shift[labels_[i]] * (1.0 + kSlack);
      lower_[i] -= max_shift * (1.0 + kSlack);
    }
    return shift_total;
  }

  // Like scikit-learn: each empty cluster takes one of the points farthest
  // from their current centre, which leaves its old cluster's sum.
  void RelocateEmptyClusters(Matrix& sums, std::vector<double>& counts) {
    std::vector<std::size_t> empty;
    for (std::size_t c = 0; c < p_.k; ++c) {
      if (counts[c] == 0.0) empty.push_back(c);
    }
    if (empty.empty()) return;
    std::vector<double> dist(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      dist[i] = SquaredDistance(p_.x.row(i).data(), centers_.row(labels_[i]).data(), dim_);
    }
    std::vector<std::size_t> order(n_);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return dist[a] > dist[b]; });
    for (std::size_t e = 0; e < empty.size() && e < n_; ++e) {
      const std::size_t i = order[e];
      auto row = p_.x.row(i);
      auto old_sum = sums.row(labels_[i]);
      auto new_sum = sums.row(empty[e]);
      for (std::size_t j = 0; j < dim_; ++j) {
        old_sum[j] -= row[j];
        new_sum[j] = row[j];
      }
      counts[labels_[i]] -= 1.0;
      counts[empty[e]] = 1.0;
    }
    // A donor left with no points keeps its previous centre.
    for (std::size_t c = 0; c < p_.k; ++c) {
      if (counts[c] <= 0.0) {
        auto s = sums.row(c);
        auto old = centers_.row(c);
        std::copy(old.begin(), old.end(), s.begin());
        counts[c] = 1.0;
      }
    }
  }

  static constexpr double kSlack = 1e-9;

  const Problem& p_;
  std::size_t n_, dim_;
  Matrix centers_;
  std::vector<std::size_t> labels_;
  std::vector<double> upper_, lower_, norms_;
  std::size_t iterations_ = 0;
  bool converged_ = false;
};

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
  if (data.rows() == 0 || data.cols() == 0) {
    return Error{"k-means: no data to cluster (0 segments)"};
  }
  if (options.clusters == 0) return Error{"k-means: clusters must be at least 1"};
  if (options.n_init == 0) return Error{"k-means: n_init must be at least 1"};
  if (options.max_iter == 0) return Error{"k-means: max_iter must be at least 1"};
  if (!(options.tol >= 0.0)) return Error{"k-means: tol must be >= 0"};
  for (std::size_t i = 0; i < data.rows() * data.cols(); ++i) {
    if (!std::isfinite(data.data()[i])) {
      return Error{"k-means: segment " + std::to_string(i / data.cols()) +
                   " holds a non-finite value"};
    }
  }
  std::vector<std::string> notes;
  std::size_t k = options.clusters;
  const std::size_t distinct = CountDistinctRows(data);
  if (distinct < k) {
    notes.push_back("clusters lowered from " + std::to_string(k) + " to " +
                    std::to_string(distinct) + ": the data has only " +
                    std::to_string(distinct) + " distinct segments");
    k = distinct;
  }
  Problem problem{data, std::vector<double>(data.rows() * data.cols()), k,
                  options.max_iter, options.tol * MeanFeatureVariance(data)};
  for (std::size_t i = 0; i < data.rows(); ++i) {
    for (std::size_t j = 0; j < data.cols(); ++j) {
      problem.xt[j * data.rows() + i] = data.at(i, j);
    }
  }
  std::mt19937_64 rng(options.seed);
  KMeansResult best;
  best.inertia = std::numeric_limits<double>::infinity();
  for (std::size_t run = 0; run < options.n_init; ++run) {
    LloydRun lloyd(problem, SeedPlusPlus(problem, rng));
    lloyd.Run();
    KMeansResult r = lloyd.TakeResult();
    if (r.inertia < best.inertia) best = std::move(r);
  }
  best.clusters_requested = options.clusters;
  best.notes = std::move(notes);
  return best;
}

}  // namespace shapewatch
