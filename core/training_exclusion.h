// Leaving the worst-reconstructed training segments out of the final fit, so
// that a glitch in the training data is not learned as a normal shape.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/matrix.h"

namespace shapewatch {

// For the sliding segments of length `segment_len` every `slide` samples
// (as SlidingSegments cuts them), whether each is kept: a segment's badness
// is the largest held-out error of its samples (`sample_error`, one per
// sample), and about `share` of the segments, the worst, are dropped.
// Ties at the cut-off are kept, so a flat error profile drops nothing.
std::vector<bool> SegmentsToKeep(std::span<const double> sample_error, std::size_t segment_len,
                                 std::size_t slide, double share);

// The rows of `m` whose `keep` entry is true (all rows when `keep` is shorter
// than m.rows() or keeps nothing).
Matrix KeepRows(const Matrix& m, const std::vector<bool>& keep);

}  // namespace shapewatch
