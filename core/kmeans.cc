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

// Sum in four interleaved lanes: a fixed order, but not one long chain.
double Sum(const double* v, std::size_t n) {
  double s[4] = {0.0, 0.0, 0.0, 0.0};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (std::size_t l = 0; l < 4; ++l) s[l] += v[i + l];
  }
  for (; i < n; ++i) s[0] += v[i];
  return (s[0] + s[1]) + (s[2] + s[3]);
}

struct Problem {
  const Matrix& x;
  std::size_t k;
  std::size_t max_iter;
  double tol_abs;
};

// Greedy k-means++ (scikit-learn's): each new centre is the best of
// 2 + log(k) candidates drawn with probability proportional to D^2, where
// D is the distance to the closest centre chosen so far.
//
// Measuring a candidate c skips every point x whose closest centre a has
// |a - c| >= 2|x - a| (with slack), since then |x - c| >= |x - a| and D stays;
// the values are the ones a full computation gives, only cheaper.
class PlusPlusSeeder {
 public:
  PlusPlusSeeder(const Problem& p, std::mt19937_64& rng)
      : p_(p), rng_(rng), n_(p.x.rows()), dim_(p.x.cols()), centers_(p.k, dim_),
        closest_(n_), root_(n_), owner_(n_, 0), cumulative_(n_) {}

  Matrix Run() {
    const std::size_t trials =
        2 + static_cast<std::size_t>(std::log(static_cast<double>(p_.k)));
    const auto first = static_cast<std::size_t>(Uniform01(rng_) * n_);
    AcceptFirst(p_.x.row(first).data());
    Matrix cand(trials, n_);
    std::vector<std::size_t> picks(trials);
    for (std::size_t c = 1; c < p_.k; ++c) {
      std::partial_sum(closest_.begin(), closest_.end(), cumulative_.begin());
      for (std::size_t t = 0; t < trials; ++t) picks[t] = Draw();
      double best_potential = std::numeric_limits<double>::infinity();
      std::size_t best = 0;
      for (std::size_t t = 0; t < trials; ++t) {
        const double pot = Candidate(p_.x.row(picks[t]).data(), c, cand.row(t).data());
        if (pot < best_potential) {
          best_potential = pot;
          best = t;
        }
      }
      Accept(p_.x.row(picks[best]).data(), cand.row(best).data(), c);
    }
    return std::move(centers_);
  }

 private:
  std::size_t Draw() {
    const double r = Uniform01(rng_) * potential_;
    const auto idx = static_cast<std::size_t>(
        std::lower_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin());
    return std::min(idx, n_ - 1);
  }

  void AcceptFirst(const double* c) {
    std::copy_n(c, dim_, centers_.row(0).data());
    for (std::size_t i = 0; i < n_; ++i) {
      closest_[i] = SquaredDistance(p_.x.row(i).data(), c, dim_);
      root_[i] = std::sqrt(closest_[i]);
    }
    potential_ = Sum(closest_.data(), n_);
  }

  // out[i] = min(D_i, |x_i - c|^2) with `count` centres chosen; returns the sum.
  double Candidate(const double* c, std::size_t count, double* out) {
    gap_.resize(count);
    for (std::size_t a = 0; a < count; ++a) {
      gap_[a] = 0.5 * std::sqrt(SquaredDistance(centers_.row(a).data(), c, dim_)) *
                (1.0 - kSlack);
    }
    for (std::size_t i = 0; i < n_; ++i) {
      double d = closest_[i];
      if (gap_[owner_[i]] < root_[i] * (1.0 + kSlack)) {
        d = std::min(d, SquaredDistance(p_.x.row(i).data(), c, dim_));
      }
      out[i] = d;
    }
    return Sum(out, n_);
  }

  void Accept(const double* c, const double* dist, std::size_t index) {
    std::copy_n(c, dim_, centers_.row(index).data());
    for (std::size_t i = 0; i < n_; ++i) {
      if (dist[i] < closest_[i]) owner_[i] = index;
      closest_[i] = dist[i];
      root_[i] = std::sqrt(dist[i]);
    }
    potential_ = Sum(closest_.data(), n_);
  }

  static constexpr double kSlack = 1e-9;

  const Problem& p_;
  std::mt19937_64& rng_;
  std::size_t n_, dim_;
  Matrix centers_;
  std::vector<double> closest_, root_;  // D^2 and D per point
  std::vector<std::size_t> owner_;      // a closest centre of each point
  std::vector<double> cumulative_, gap_;
  double potential_ = 0.0;
};

Matrix SeedPlusPlus(const Problem& p, std::mt19937_64& rng) {
  return PlusPlusSeeder(p, rng).Run();
}

// Hartigan-style refinement of a Lloyd fixed point. Moving one point x from
// cluster a to cluster b changes the inertia by
//   n_b/(n_b+1) |x - c_b|^2 - n_a/(n_a-1) |x - c_a|^2,
// which can be negative even when x is nearest to c_a; Lloyd never sees such
// moves. Points are visited in order and each takes its best improving move
// at once (both centres updated), until a pass moves nothing. Every move
// lowers the inertia by a relative margin, so it ends; at the end every point
// is also nearest to its own centre. As in Hartigan-Wong's live sets, a point
// whose cluster has not changed since it was last checked is only compared
// with the clusters that have (the others still cannot take it). Deterministic.
class HartiganRefiner {
 public:
  HartiganRefiner(const Matrix& x, const std::vector<double>& norms, std::size_t k,
                  std::vector<std::size_t>& labels)
      : x_(x), norms_(norms), k_(k), dim_(x.cols()), labels_(labels),
        sums_(k, dim_), centers_(k, dim_), counts_(k, 0.0), factors_(k, 0.0),
        partial_((k + 3) / 4 * 4), changed_at_(k, 1), checked_at_(x.rows(), 0), dirty_mark_(k, false) {
    for (std::size_t i = 0; i < x_.rows(); ++i) {
      auto s = sums_.row(labels_[i]);
      auto row = x_.row(i);
      for (std::size_t j = 0; j < dim_; ++j) s[j] += row[j];
      counts_[labels_[i]] += 1.0;
    }
    for (std::size_t c = 0; c < k_; ++c) Recentre(c);
    table_ = CentroidTable(centers_);
  }

  // Returns the centres: the means of the final labels.
  Matrix Run() {
    for (std::size_t pass = 0; pass < kMaxPasses && Pass(); ++pass) {
    }
    return std::move(centers_);
  }

 private:
  bool Pass() {
    bool moved = false;
    for (std::size_t i = 0; i < x_.rows(); ++i) moved |= TryMove(i);
    return moved;
  }

  bool TryMove(std::size_t i) {
    const std::size_t a = labels_[i];
    const std::uint64_t since = checked_at_[i];
    checked_at_[i] = ++step_;
    if (counts_[a] < 2.0) return false;
    const double* xi = x_.row(i).data();
    const double limit = counts_[a] / (counts_[a] - 1.0) *
                         SquaredDistance(xi, centers_.row(a).data(), dim_) *
                         (1.0 - kMargin);
    std::size_t best = a;
    if (changed_at_[a] > since) {
      best = BestOfAll(xi, i, a, limit);
    } else {
      live_.clear();
      for (std::size_t b = 0; b < k_; ++b) {
        if (changed_at_[b] > since) live_.push_back(b);
      }
      best = live_.size() > kMaxLive ? BestOfAll(xi, i, a, limit)
                                      : BestOf(live_, xi, a, limit);
    }
    if (best == a) return false;
    // partial_ can suffer cancellation; decide on the direct distance.
    const double exact = Factor(best) * SquaredDistance(xi, centers_.row(best).data(), dim_);
    if (!(exact < limit)) return false;
    Move(i, a, best);
    return true;
  }

  std::size_t BestOf(const std::vector<std::size_t>& candidates, const double* xi,
                     std::size_t a, double limit) const {
    std::size_t best = a;
    double best_cost = limit;
    for (std::size_t b : candidates) {
      const double cost = Factor(b) * SquaredDistance(xi, centers_.row(b).data(), dim_);
      if (b != a && cost < best_cost) {
        best_cost = cost;
        best = b;
      }
    }
    return best;
  }

  std::size_t BestOfAll(const double* xi, std::size_t i, std::size_t a, double limit) {
    table_.PartialDistances(xi, partial_.data());
    for (std::size_t c : dirty_) {
      partial_[c] = SquaredDistance(xi, centers_.row(c).data(), dim_) - norms_[i];
    }
    std::size_t best = a;
    double best_cost = limit;
    for (std::size_t b = 0; b < k_; ++b) {
      const double cost = Factor(b) * (partial_[b] + norms_[i]);
      if (b != a && cost < best_cost) {
        best_cost = cost;
        best = b;
      }
    }
    return best;
  }

  // Share of |x - c_b|^2 that adding x to cluster b costs.
  double Factor(std::size_t b) const { return factors_[b]; }

  void Move(std::size_t i, std::size_t from, std::size_t to) {
    auto row = x_.row(i);
    auto s_from = sums_.row(from), s_to = sums_.row(to);
    for (std::size_t j = 0; j < dim_; ++j) {
      s_from[j] -= row[j];
      s_to[j] += row[j];
    }
    counts_[from] -= 1.0;
    counts_[to] += 1.0;
    labels_[i] = to;
    for (std::size_t c : {from, to}) {
      Recentre(c);
      changed_at_[c] = step_;
      if (!dirty_mark_[c]) dirty_.push_back(c);
      dirty_mark_[c] = true;
    }
    if (dirty_.size() > kMaxDirty) {
      table_ = CentroidTable(centers_);
      for (std::size_t c : dirty_) dirty_mark_[c] = false;
      dirty_.clear();
    }
  }

  void Recentre(std::size_t c) {
    factors_[c] = counts_[c] / (counts_[c] + 1.0);
    auto s = sums_.row(c), m = centers_.row(c);
    for (std::size_t j = 0; j < dim_; ++j) m[j] = s[j] / counts_[c];
  }

  static constexpr double kMargin = 1e-12;
  static constexpr std::size_t kMaxPasses = 100;
  static constexpr std::size_t kMaxDirty = 16;
  static constexpr std::size_t kMaxLive = 32;  // beyond, the table is cheaper

  const Matrix& x_;
  const std::vector<double>& norms_;
  std::size_t k_, dim_;
  std::vector<std::size_t>& labels_;
  Matrix sums_, centers_;
  std::vector<double> counts_, factors_, partial_;
  std::uint64_t step_ = 1;
  std::vector<std::uint64_t> changed_at_;  // step of each cluster's last change
  std::vector<std::uint64_t> checked_at_;  // step of each point's last check
  std::vector<std::size_t> live_;
  CentroidTable table_;             // centres as of its build...
  std::vector<std::size_t> dirty_;  // ...except these, moved since
  std::vector<bool> dirty_mark_;
};

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
    centers_ = HartiganRefiner(p_.x, norms_, p_.k, labels_).Run();
    FullAssign();
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
  const Problem problem{data, k, options.max_iter,
                        options.tol * MeanFeatureVariance(data)};
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
