#include "core/kmeans_hartigan.h"

#include <cstdint>

#include "core/centroid_table.h"

namespace shapewatch::kmeans_internal {
namespace {

// Moving one point x from cluster a to cluster b changes the inertia by
//   n_b/(n_b+1) |x - c_b|^2 - n_a/(n_a-1) |x - c_a|^2,
// which can be negative even when x is nearest to c_a; Lloyd never sees such
// moves. Points are visited in order and each takes its best improving move
// at once (both centres updated), until a pass moves nothing. Every move
// lowers the inertia by a relative margin, so it ends; at the end every point
// is also nearest to its own centre. As in Hartigan-Wong's live sets, a point
// whose cluster has not changed since it was last checked is only compared
// with the clusters that have (the others still cannot take it).
class HartiganRefiner {
 public:
  HartiganRefiner(const Matrix& x, const std::vector<double>& norms, std::size_t k,
                  std::vector<std::size_t>& labels)
      : x_(x),
        norms_(norms),
        k_(k),
        dim_(x.cols()),
        labels_(labels),
        sums_(k, dim_),
        centers_(k, dim_),
        counts_(k, 0.0),
        factors_(k, 0.0),
        partial_((k + 3) / 4 * 4),
        changed_at_(k, 1),
        checked_at_(x.rows(), 0),
        dirty_mark_(k, false) {
    for (std::size_t i = 0; i < x_.rows(); ++i) {
      auto s = sums_.row(labels_[i]);
      auto row = x_.row(i);
      for (std::size_t j = 0; j < dim_; ++j) s[j] += row[j];
      counts_[labels_[i]] += 1.0;
    }
    for (std::size_t c = 0; c < k_; ++c) Recentre(c);
    table_ = CentroidTable(centers_);
  }

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
                         SquaredDistance(xi, centers_.row(a).data(), dim_) * (1.0 - kMargin);
    const std::size_t best = BestMove(xi, i, a, since, limit);
    if (best == a) return false;
    // partial_ can suffer cancellation; decide on the direct distance.
    const double exact = factors_[best] * SquaredDistance(xi, centers_.row(best).data(), dim_);
    if (!(exact < limit)) return false;
    Move(i, a, best);
    return true;
  }

  // The cluster that takes row i at the lowest cost below `limit`, or a.
  std::size_t BestMove(const double* xi, std::size_t i, std::size_t a, std::uint64_t since,
                       double limit) {
    if (changed_at_[a] > since) return BestOfAll(xi, i, a, limit);
    live_.clear();
    for (std::size_t b = 0; b < k_; ++b) {
      if (changed_at_[b] > since) live_.push_back(b);
    }
    return live_.size() > kMaxLive ? BestOfAll(xi, i, a, limit) : BestOf(live_, xi, a, limit);
  }

  std::size_t BestOf(const std::vector<std::size_t>& candidates, const double* xi, std::size_t a,
                     double limit) const {
    std::size_t best = a;
    double best_cost = limit;
    for (std::size_t b : candidates) {
      const double cost = factors_[b] * SquaredDistance(xi, centers_.row(b).data(), dim_);
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
      const double cost = factors_[b] * (partial_[b] + norms_[i]);
      if (b != a && cost < best_cost) {
        best_cost = cost;
        best = b;
      }
    }
    return best;
  }

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
    if (dirty_.size() > kMaxDirty) RebuildTable();
  }

  void RebuildTable() {
    table_ = CentroidTable(centers_);
    for (std::size_t c : dirty_) dirty_mark_[c] = false;
    dirty_.clear();
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
  std::vector<double> counts_;
  std::vector<double> factors_;  // n_b/(n_b+1): share of |x - c_b|^2 that joining b costs
  std::vector<double> partial_;
  std::uint64_t step_ = 1;
  std::vector<std::uint64_t> changed_at_;  // step of each cluster's last change
  std::vector<std::uint64_t> checked_at_;  // step of each point's last check
  std::vector<std::size_t> live_;
  CentroidTable table_;             // centres as of its build...
  std::vector<std::size_t> dirty_;  // ...except these, moved since
  std::vector<bool> dirty_mark_;
};

}  // namespace

Matrix RefineHartigan(const Matrix& x, const std::vector<double>& norms, std::size_t k,
                      std::vector<std::size_t>& labels) {
  return HartiganRefiner(x, norms, k, labels).Run();
}

}  // namespace shapewatch::kmeans_internal
