#include "core/segments.h"

#include <cmath>

namespace shapewatch {

std::string_view NormalizationName(Normalization n) {
  return n == Normalization::kNone ? "none" : "unit";
}

std::optional<Normalization> ParseNormalization(std::string_view name) {
  if (name == "none") return Normalization::kNone;
  if (name == "unit") return Normalization::kUnit;
  return std::nullopt;
}

double NormalizeToUnit(std::span<double> segment) {
  double sum = 0.0;
  for (double v : segment) sum += v * v;
  const double norm = std::sqrt(sum);
  if (norm > 0.0) {
    for (double& v : segment) v /= norm;
  }
  return norm;
}

Matrix SlidingSegments(std::span<const double> signal, std::span<const double> window,
                       std::size_t step, Normalization normalization) {
  const std::size_t len = window.size();
  if (len == 0 || step == 0 || signal.size() < len) return Matrix(0, len);
  const std::size_t count = (signal.size() - len) / step + 1;
  Matrix out(count, len);
  for (std::size_t i = 0; i < count; ++i) {
    std::span<double> row = out.row(i);
    const double* src = signal.data() + i * step;
    for (std::size_t j = 0; j < len; ++j) row[j] = src[j] * window[j];
    if (normalization == Normalization::kUnit) NormalizeToUnit(row);
  }
  return out;
}

}  // namespace shapewatch
