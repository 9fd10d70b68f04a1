#include "core/error_sketch.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shapewatch {

ErrorSketch::ErrorSketch(double accuracy, std::size_t max_buckets)
    : accuracy_(accuracy),
      log_gamma_(std::log((1.0 + accuracy) / (1.0 - accuracy))),
      max_buckets_(std::max<std::size_t>(max_buckets, 2)) {}

double ErrorSketch::BucketLow(std::int32_t index) const {
  return std::exp(static_cast<double>(index - 1) * log_gamma_);
}
double ErrorSketch::BucketHigh(std::int32_t index) const {
  return std::exp(static_cast<double>(index) * log_gamma_);
}

std::int32_t ErrorSketch::IndexOf(double v) const {
  const double raw = std::ceil(std::log(v) / log_gamma_);
  const double lim = 1e6;
  return static_cast<std::int32_t>(std::clamp(raw, -lim, lim));
}

void ErrorSketch::EnsureIndex(std::int32_t index) {
  if (counts_.empty()) {
    min_index_ = index;
    counts_.assign(1, 0.0);
    return;
  }
  const std::int32_t max_index = min_index_ + static_cast<std::int32_t>(counts_.size()) - 1;
  if (index > max_index) {
    counts_.resize(static_cast<std::size_t>(index - min_index_) + 1, 0.0);
  } else if (index < min_index_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(min_index_ - index), 0.0);
    min_index_ = index;
  }
  if (counts_.size() > max_buckets_) {
    // Fold the lowest buckets into the lowest one kept.
    const std::size_t drop = counts_.size() - max_buckets_;
    double folded = 0.0;
    for (std::size_t i = 0; i <= drop; ++i) folded += counts_[i];
    counts_.erase(counts_.begin(), counts_.begin() + static_cast<std::ptrdiff_t>(drop));
    counts_[0] = folded;
    min_index_ += static_cast<std::int32_t>(drop);
  }
}

void ErrorSketch::Add(double value, double weight) {
  if (!(weight > 0.0) || std::isnan(value)) return;
  total_ += weight;
  if (!(value > std::numeric_limits<double>::min())) {
    zero_count_ += weight;
    return;
  }
  std::int32_t index = IndexOf(value);
  EnsureIndex(index);
  index = std::max(index, min_index_);
  counts_[static_cast<std::size_t>(index - min_index_)] += weight;
}

void ErrorSketch::Decay(double factor) {
  if (!(factor > 0.0 && factor < 1.0)) return;
  for (double& c : counts_) c *= factor;
  zero_count_ *= factor;
  total_ *= factor;
}

void ErrorSketch::Merge(const ErrorSketch& other) {
  zero_count_ += other.zero_count_;
  total_ += other.zero_count_;
  for (std::size_t i = 0; i < other.counts_.size(); ++i) {
    if (other.counts_[i] <= 0.0) continue;
    std::int32_t index = other.min_index_ + static_cast<std::int32_t>(i);
    EnsureIndex(index);
    index = std::max(index, min_index_);
    counts_[static_cast<std::size_t>(index - min_index_)] += other.counts_[i];
    total_ += other.counts_[i];
  }
}

double ErrorSketch::FractionAtLeast(double value) const {
  if (total_ <= 0.0) return 0.0;
  if (!(value > std::numeric_limits<double>::min())) return 1.0;
  const std::int32_t index = IndexOf(value);
  double above = 0.0;
  const std::int32_t max_index = min_index_ + static_cast<std::int32_t>(counts_.size()) - 1;
  if (counts_.empty() || index > max_index) return 0.0;
  for (std::int32_t i = max_index; i > index && i >= min_index_; --i) {
    above += counts_[static_cast<std::size_t>(i - min_index_)];
  }
  if (index < min_index_) return (total_ - zero_count_) / total_;
  const double in_bucket = counts_[static_cast<std::size_t>(index - min_index_)];
  const double low = std::log(BucketLow(index));
  double f = (std::log(value) - low) / log_gamma_;
  f = std::clamp(f, 0.0, 1.0);
  return (above + (1.0 - f) * in_bucket) / total_;
}

double ErrorSketch::Quantile(double q) const {
  if (total_ <= 0.0) return 0.0;
  const double rank = std::clamp(q, 0.0, 1.0) * total_;
  double seen = zero_count_;
  if (rank <= seen && zero_count_ > 0.0) return 0.0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank && counts_[i] > 0.0) {
      const std::int32_t index = min_index_ + static_cast<std::int32_t>(i);
      return std::sqrt(BucketLow(index) * BucketHigh(index));
    }
  }
  return MaxEdge();
}

double ErrorSketch::MaxEdge() const {
  for (std::size_t i = counts_.size(); i-- > 0;) {
    if (counts_[i] > 0.0) return BucketHigh(min_index_ + static_cast<std::int32_t>(i));
  }
  return 0.0;
}

bool ErrorSketch::FromParts(double accuracy, std::size_t max_buckets, std::int32_t min_index,
                            std::vector<double> counts, double zero_count, ErrorSketch* out) {
  if (!(accuracy > 0.0 && accuracy < 0.5) || max_buckets < 2 || counts.size() > max_buckets ||
      !(zero_count >= 0.0) || !std::isfinite(zero_count)) {
    return false;
  }
  double total = zero_count;
  for (double c : counts) {
    if (!(c >= 0.0) || !std::isfinite(c)) return false;
    total += c;
  }
  ErrorSketch s(accuracy, max_buckets);
  s.min_index_ = min_index;
  s.counts_ = std::move(counts);
  s.zero_count_ = zero_count;
  s.total_ = total;
  *out = std::move(s);
  return true;
}

}  // namespace shapewatch
