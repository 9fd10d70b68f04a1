#include "core/segments.h"

#include <cmath>

namespace shapewatch {

std::string_view NormalizationName(Normalization n) {
  switch (n) {
    case Normalization::kNone:
      return "none";
    case Normalization::kUnit:
      return "unit";
    case Normalization::kCenter:
      return "center";
  }
  return "?";
}

std::optional<Normalization> ParseNormalization(std::string_view name) {
  if (name == "none") return Normalization::kNone;
  if (name == "unit") return Normalization::kUnit;
  if (name == "center") return Normalization::kCenter;
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

SegmentScale NormalizeSegment(std::span<double> windowed, std::span<const double> window,
                              Normalization normalization) {
  SegmentScale out;
  switch (normalization) {
    case Normalization::kNone:
      break;
    case Normalization::kUnit:
      out.scale = NormalizeToUnit(windowed);
      break;
    case Normalization::kCenter: {
      // windowed = x * w; the level m minimising |x * w - m * w|^2.
      double xw = 0.0, ww = 0.0;
      for (std::size_t j = 0; j < windowed.size(); ++j) {
        xw += windowed[j] * window[j];
        ww += window[j] * window[j];
      }
      out.offset = ww > 0.0 ? xw / ww : 0.0;
      for (std::size_t j = 0; j < windowed.size(); ++j) windowed[j] -= out.offset * window[j];
      break;
    }
  }
  return out;
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
    NormalizeSegment(row, window, normalization);
  }
  return out;
}

}  // namespace shapewatch
