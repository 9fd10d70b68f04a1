// Cutting a signal into windowed, optionally normalised segments.
//
// SlidingSegments is the blog's sliding_chunker followed by the window: all
// complete length-L segments starting at 0, step, 2*step, ...; a truncated
// tail is dropped. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "core/matrix.h"

namespace shapewatch {

// kNone matches shapes with their amplitude (the blog). kUnit divides each
// windowed segment by its L2 norm before matching and multiplies the chosen
// centroid back by that norm (Dunning), so amplitude changes are not new
// shapes; a zero-norm segment reconstructs as zeros. kCenter removes the
// segment's level (the least-squares multiple of the window) before matching
// and adds it back to the chosen centroid, so a slow drift of the baseline is
// not a new shape while a step inside a segment still is.
enum class Normalization { kNone, kUnit, kCenter };

std::string_view NormalizationName(Normalization n);
std::optional<Normalization> ParseNormalization(std::string_view name);

// Returns the segments as rows, each multiplied by `window` (whose length is
// the segment length) and, for kUnit, scaled to unit norm.
Matrix SlidingSegments(std::span<const double> signal, std::span<const double> window,
                       std::size_t step, Normalization normalization);

// How a windowed segment was normalised: its reconstruction is
// centroid * scale + offset * window.
struct SegmentScale {
  double offset = 0.0;
  double scale = 1.0;
};

// Normalises `windowed` (a segment already multiplied by `window`) in place.
SegmentScale NormalizeSegment(std::span<double> windowed, std::span<const double> window,
                              Normalization normalization);

// Scales `segment` to unit L2 norm in place and returns the norm it had
// (0 for an all-zero segment, which is left as zeros).
double NormalizeToUnit(std::span<double> segment);

}  // namespace shapewatch
