// Analysis windows that taper each segment to zero at both ends.
//
// kHann is the periodic Hann window sin^2(pi*n/L), n = 0..L-1: copies
// shifted by L/2 sum to exactly 1, so overlap-adding windowed centroids at
// hop L/2 rebuilds the signal without bias. kSeed is the blog's
// sin^2(linspace(0, pi, L)), kept to reproduce it; its overlap-add ripples.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace shapewatch {

enum class WindowKind { kHann, kSeed };

std::vector<double> MakeWindow(WindowKind kind, std::size_t length);

std::string_view WindowName(WindowKind kind);
std::optional<WindowKind> ParseWindowKind(std::string_view name);

}  // namespace shapewatch
