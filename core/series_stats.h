// Statistics of a stretch of samples that training and evaluation need:
// a robust scale, the near-constant test and the dominant period.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

namespace shapewatch {

// A robust spread of the values: 1.4826 x the median absolute deviation
// (the standard deviation for Gaussian data), falling back to the
// interquartile range / 1.349 and then the standard deviation when the
// median absolute deviation is 0. 0 only for a constant signal.
double RobustScale(std::span<const double> signal);

// True when the signal does not vary: max - min is at most 1e-9 x the
// largest magnitude (exactly equal values included). Such a series has no
// shapes to learn; the daemon does not train it and it never alarms.
bool IsNearlyConstant(std::span<const double> signal);

// The shortest lag in [min_lag, max_lag] where the autocorrelation has a
// local maximum of at least `min_correlation` and within 10 % of the highest
// such maximum (multiples of a period peak almost as high); nullopt for a
// signal without a clear period. O(signal x max_lag).
std::optional<std::size_t> DominantPeriod(std::span<const double> signal, std::size_t min_lag,
                                          std::size_t max_lag, double min_correlation = 0.3);

}  // namespace shapewatch
