#include "core/series_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace shapewatch {
namespace {

double Median(std::vector<double> v) {
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  return v[mid];
}

double QuantileOf(std::vector<double> v, double q) {
  const auto at = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
  return v[at];
}

double StdDev(std::span<const double> signal) {
  double mean = 0.0;
  for (double v : signal) mean += v;
  mean /= static_cast<double>(signal.size());
  double var = 0.0;
  for (double v : signal) var += (v - mean) * (v - mean);
  return std::sqrt(var / static_cast<double>(signal.size()));
}

// Autocorrelation of the mean-removed signal at `lag`, normalised by lag 0.
double Autocorrelation(const std::vector<double>& centred, double energy, std::size_t lag) {
  double sum = 0.0;
  for (std::size_t i = lag; i < centred.size(); ++i) sum += centred[i] * centred[i - lag];
  return sum / energy;
}

}  // namespace

double RobustScale(std::span<const double> signal) {
  if (signal.empty()) return 0.0;
  std::vector<double> values(signal.begin(), signal.end());
  const double median = Median(values);
  std::vector<double> deviations(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) deviations[i] = std::abs(values[i] - median);
  if (double mad = Median(deviations); mad > 0.0) return 1.4826 * mad;
  if (double iqr = QuantileOf(values, 0.75) - QuantileOf(values, 0.25); iqr > 0.0) {
    return iqr / 1.349;
  }
  return StdDev(signal);
}

bool IsNearlyConstant(std::span<const double> signal) {
  if (signal.empty()) return true;
  const auto [lo, hi] = std::minmax_element(signal.begin(), signal.end());
  const double magnitude = std::max(std::abs(*lo), std::abs(*hi));
  return *hi - *lo <= 1e-9 * magnitude;
}

std::optional<std::size_t> DominantPeriod(std::span<const double> signal, std::size_t min_lag,
                                          std::size_t max_lag, double min_correlation) {
  min_lag = std::max<std::size_t>(min_lag, 2);
  max_lag = std::min(max_lag, signal.size() / 2);
  if (min_lag + 1 >= max_lag) return std::nullopt;
  double mean = 0.0;
  for (double v : signal) mean += v;
  mean /= static_cast<double>(signal.size());
  std::vector<double> centred(signal.size());
  double energy = 0.0;
  for (std::size_t i = 0; i < signal.size(); ++i) {
    centred[i] = signal[i] - mean;
    energy += centred[i] * centred[i];
  }
  if (!(energy > 0.0)) return std::nullopt;
  std::vector<double> r(max_lag + 2);
  for (std::size_t lag = min_lag - 1; lag <= max_lag + 1; ++lag) {
    r[lag] = Autocorrelation(centred, energy, lag);
  }
  // Multiples of the period peak almost as high as the period itself: take
  // the shortest lag whose peak is within 10 % of the highest.
  std::vector<std::size_t> peaks;
  double highest = min_correlation;
  for (std::size_t lag = min_lag; lag <= max_lag; ++lag) {
    if (r[lag] >= r[lag - 1] && r[lag] > r[lag + 1] && r[lag] >= min_correlation) {
      peaks.push_back(lag);
      highest = std::max(highest, r[lag]);
    }
  }
  for (std::size_t lag : peaks) {
    if (r[lag] >= 0.9 * highest) return lag;
  }
  return std::nullopt;
}

}  // namespace shapewatch
