// ErrorSketch: a bounded-memory histogram of non-negative errors with
// logarithmic buckets (DDSketch-style, relative accuracy `accuracy`), used as a
// series' history of reconstruction errors.
//
// Bucket i holds values in (gamma^(i-1), gamma^i], gamma = (1+a)/(1-a).
// Memory is at most `max_buckets` doubles: when the range grows beyond that,
// the lowest buckets are folded together (only tiny errors lose resolution,
// never the tail that scoring looks at). Plain value; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace shapewatch {

class ErrorSketch {
 public:
  static constexpr double kDefaultAccuracy = 0.02;
  static constexpr std::size_t kDefaultMaxBuckets = 1024;

  explicit ErrorSketch(double accuracy = kDefaultAccuracy,
                       std::size_t max_buckets = kDefaultMaxBuckets);

  void Add(double value, double weight = 1.0);

  // Multiplies every count by `factor` in (0, 1]: old values weigh less
  // than new ones (exponential forgetting).
  void Decay(double factor);

  // Adds every count of `other`, which must have the same accuracy.
  void Merge(const ErrorSketch& other);

  double total() const { return total_; }
  double zero_count() const { return zero_count_; }
  double accuracy() const { return accuracy_; }
  std::size_t max_buckets() const { return max_buckets_; }
  std::int32_t min_index() const { return min_index_; }
  const std::vector<double>& counts() const { return counts_; }

  // Lower and upper value bounds of bucket `index`.
  double BucketLow(std::int32_t index) const;
  double BucketHigh(std::int32_t index) const;
  std::int32_t IndexOf(double positive_value) const;

  // Fraction of the weight at or above `value`, interpolated log-linearly
  // inside a bucket; 0 above the largest bucket.
  double FractionAtLeast(double value) const;

  // Value at quantile q in [0, 1] (bucket midpoint, geometric).
  double Quantile(double q) const;

  // Upper edge of the highest non-empty bucket (0 if none).
  double MaxEdge() const;

  // Rebuilds from serialized parts; returns false if they are inconsistent.
  static bool FromParts(double accuracy, std::size_t max_buckets, std::int32_t min_index,
                        std::vector<double> counts, double zero_count, ErrorSketch* out);

  bool operator==(const ErrorSketch&) const = default;

 private:
  void EnsureIndex(std::int32_t index);

  double accuracy_;
  double log_gamma_;
  std::size_t max_buckets_;
  std::int32_t min_index_ = 0;
  std::vector<double> counts_;  // counts_[i] is bucket min_index_ + i
  double zero_count_ = 0.0;
  double total_ = 0.0;
};

}  // namespace shapewatch
