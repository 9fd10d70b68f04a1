#include "core/kmeans_lloyd.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/centroid_table.h"

namespace shapewatch::kmeans_internal {
namespace {

// Like scikit-learn: each empty cluster takes one of the points farthest
// from their current centre, which leaves its old cluster's sum.
class EmptyClusterRelocator {
 public:
  EmptyClusterRelocator(const Matrix& x, const Matrix& centers,
                        const std::vector<std::size_t>& labels)
      : x_(x), centers_(centers), labels_(labels) {}

  void Run(const std::vector<std::size_t>& empty, Matrix& sums, std::vector<double>& counts) const {
    const std::vector<std::size_t> order = FarthestFirst();
    for (std::size_t e = 0; e < empty.size() && e < order.size(); ++e) {
      const std::size_t i = order[e];
      auto row = x_.row(i);
      auto old_sum = sums.row(labels_[i]);
      auto new_sum = sums.row(empty[e]);
      for (std::size_t j = 0; j < x_.cols(); ++j) {
        old_sum[j] -= row[j];
        new_sum[j] = row[j];
      }
      counts[labels_[i]] -= 1.0;
      counts[empty[e]] = 1.0;
    }
    // A donor left with no points keeps its previous centre.
    for (std::size_t c = 0; c < counts.size(); ++c) {
      if (counts[c] <= 0.0) {
        auto old = centers_.row(c);
        std::copy(old.begin(), old.end(), sums.row(c).begin());
        counts[c] = 1.0;
      }
    }
  }

 private:
  // Row indices by decreasing distance to their centre; ties keep row order.
  std::vector<std::size_t> FarthestFirst() const {
    const std::size_t n = x_.rows();
    std::vector<double> dist(n);
    for (std::size_t i = 0; i < n; ++i) {
      dist[i] = SquaredDistance(x_.row(i).data(), centers_.row(labels_[i]).data(), x_.cols());
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return dist[a] > dist[b]; });
    return order;
  }

  const Matrix& x_;
  const Matrix& centers_;
  const std::vector<std::size_t>& labels_;
};

// One restart's state: labels and Hamerly's upper/lower distance bounds.
class LloydRun {
 public:
  LloydRun(const Problem& p, const std::vector<double>& norms, Matrix centers)
      : p_(p),
        norms_(norms),
        n_(p.x.rows()),
        dim_(p.x.cols()),
        centers_(std::move(centers)),
        labels_(n_),
        upper_(n_),
        lower_(n_) {}

  LloydResult Run() {
    FullAssign();
    std::size_t iterations = 1;
    bool converged = false;
    std::vector<std::size_t> previous;
    for (; iterations <= p_.max_iter; ++iterations) {
      const double shift_total = MoveCenters();
      previous = labels_;
      BoundedAssign();
      if (labels_ == previous || shift_total <= p_.tol_abs) {
        converged = true;
        break;
      }
    }
    return {std::move(centers_), std::move(labels_), std::min(iterations, p_.max_iter), converged};
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
      upper_[i] =
          std::sqrt(SquaredDistance(p_.x.row(i).data(), centers_.row(labels_[i]).data(), dim_)) *
          (1.0 + kSlack);
      if (upper_[i] <= bound) continue;
      AssignFromScratch(table, i);
    }
  }

  std::vector<double> HalfGapToNearestOtherCenter() const {
    std::vector<double> gap(p_.k, std::numeric_limits<double>::infinity());
    for (std::size_t a = 0; a < p_.k; ++a) {
      for (std::size_t b = a + 1; b < p_.k; ++b) {
        const double d =
            std::sqrt(SquaredDistance(centers_.row(a).data(), centers_.row(b).data(), dim_));
        gap[a] = std::min(gap[a], d);
        gap[b] = std::min(gap[b], d);
      }
    }
    for (double& g : gap) g = 0.5 * g * (1.0 - kSlack);
    return gap;
  }

  // M-step; returns the summed squared centre shift and updates the bounds.
  double MoveCenters() {
    Matrix means = ClusterMeans();
    std::vector<double> shift(p_.k, 0.0);
    double shift_total = 0.0, max_shift = 0.0;
    for (std::size_t c = 0; c < p_.k; ++c) {
      const double d2 = SquaredDistance(means.row(c).data(), centers_.row(c).data(), dim_);
      shift[c] = std::sqrt(d2);
      shift_total += d2;
      max_shift = std::max(max_shift, shift[c]);
    }
    centers_ = std::move(means);
    for (std::size_t i = 0; i < n_; ++i) {
      upper_[i] += shift[labels_[i]] * (1.0 + kSlack);
      lower_[i] -= max_shift * (1.0 + kSlack);
    }
    return shift_total;
  }

  // The mean of each cluster's rows, after empty clusters took new rows.
  Matrix ClusterMeans() const {
    Matrix sums(p_.k, dim_);
    std::vector<double> counts(p_.k, 0.0);
    for (std::size_t i = 0; i < n_; ++i) {
      auto row = p_.x.row(i);
      auto s = sums.row(labels_[i]);
      for (std::size_t j = 0; j < dim_; ++j) s[j] += row[j];
      counts[labels_[i]] += 1.0;
    }
    std::vector<std::size_t> empty;
    for (std::size_t c = 0; c < p_.k; ++c) {
      if (counts[c] == 0.0) empty.push_back(c);
    }
    if (!empty.empty()) EmptyClusterRelocator(p_.x, centers_, labels_).Run(empty, sums, counts);
    for (std::size_t c = 0; c < p_.k; ++c) {
      auto s = sums.row(c);
      for (std::size_t j = 0; j < dim_; ++j) s[j] /= counts[c];
    }
    return sums;
  }

  static constexpr double kSlack = 1e-9;

  const Problem& p_;
  const std::vector<double>& norms_;
  std::size_t n_, dim_;
  Matrix centers_;
  std::vector<std::size_t> labels_;
  std::vector<double> upper_, lower_;
};

}  // namespace

LloydResult RunLloyd(const Problem& p, const std::vector<double>& norms, Matrix centers) {
  return LloydRun(p, norms, std::move(centers)).Run();
}

}  // namespace shapewatch::kmeans_internal
