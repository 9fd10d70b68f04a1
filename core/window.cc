#include "core/window.h"

#include <cmath>
#include <numbers>

namespace shapewatch {

std::vector<double> MakeWindow(WindowKind kind, std::size_t length) {
  std::vector<double> w(length, 0.0);
  if (length == 0) return w;
  const double pi = std::numbers::pi;
  for (std::size_t n = 0; n < length; ++n) {
    double phase = 0.0;
    if (kind == WindowKind::kHann) {
      phase = pi * static_cast<double>(n) / static_cast<double>(length);
    } else if (length > 1) {
      phase = pi * static_cast<double>(n) / static_cast<double>(length - 1);
    }
    const double s = std::sin(phase);
    w[n] = s * s;
  }
  return w;
}

std::string_view WindowName(WindowKind kind) { return kind == WindowKind::kHann ? "hann" : "seed"; }

std::optional<WindowKind> ParseWindowKind(std::string_view name) {
  if (name == "hann") return WindowKind::kHann;
  if (name == "seed") return WindowKind::kSeed;
  return std::nullopt;
}

}  // namespace shapewatch
