#include "core/kmeans_seeding.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "core/centroid_table.h"

namespace shapewatch::kmeans_internal {
namespace {

// Uniform double in [0, 1) from the standard-specified mt19937_64 stream, so
// results do not depend on the standard library's distributions.
double Uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

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

// Each new centre is the best of 2 + log(k) candidates drawn with probability
// proportional to D^2, where D is the distance to the closest centre chosen
// so far.
//
// Measuring a candidate c skips every point x whose closest centre a has
// |a - c| >= 2|x - a| (with slack), since then |x - c| >= |x - a| and D stays;
// the values are the ones a full computation gives, only cheaper.
class PlusPlusSeeder {
 public:
  PlusPlusSeeder(const Problem& p, std::mt19937_64& rng)
      : p_(p),
        rng_(rng),
        n_(p.x.rows()),
        dim_(p.x.cols()),
        centers_(p.k, dim_),
        closest_(n_),
        root_(n_),
        owner_(n_, 0),
        cumulative_(n_) {}

  Matrix Run() {
    const std::size_t trials = 2 + static_cast<std::size_t>(std::log(static_cast<double>(p_.k)));
    const auto first = static_cast<std::size_t>(Uniform01(rng_) * n_);
    AcceptFirst(p_.x.row(first).data());
    Matrix cand(trials, n_);
    std::vector<std::size_t> picks(trials);
    for (std::size_t c = 1; c < p_.k; ++c) {
      std::partial_sum(closest_.begin(), closest_.end(), cumulative_.begin());
      for (std::size_t t = 0; t < trials; ++t) picks[t] = Draw();
      const std::size_t best = BestCandidate(picks, c, cand);
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

  // Index into `picks` of the candidate giving the lowest potential; its
  // distances are left in cand.row(index).
  std::size_t BestCandidate(const std::vector<std::size_t>& picks, std::size_t count,
                            Matrix& cand) {
    double best_potential = std::numeric_limits<double>::infinity();
    std::size_t best = 0;
    for (std::size_t t = 0; t < picks.size(); ++t) {
      const double pot = Candidate(p_.x.row(picks[t]).data(), count, cand.row(t).data());
      if (pot < best_potential) {
        best_potential = pot;
        best = t;
      }
    }
    return best;
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
      gap_[a] = 0.5 * std::sqrt(SquaredDistance(centers_.row(a).data(), c, dim_)) * (1.0 - kSlack);
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

}  // namespace

Matrix SeedPlusPlus(const Problem& p, std::mt19937_64& rng) { return PlusPlusSeeder(p, rng).Run(); }

}  // namespace shapewatch::kmeans_internal
