// Leaving segments out of training: the worst-reconstructed ones, so that a
// glitch in the training data is not learned as a normal shape, and those
// holding samples a detector already flagged (a retraining set).
// Pure functions and a plain value; thread-safe to read.
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
// With `candidates` (one flag per segment), `share` is of the candidates and
// is dropped from them; the others (left out anyway) are kept here.
std::vector<bool> SegmentsToKeep(std::span<const double> sample_error, std::size_t segment_len,
                                 std::size_t slide, double share,
                                 const std::vector<bool>& candidates = {});

// The samples of a training set not to learn from: the hops its detector
// flagged (RetrainingWindow). They stay in the signal, so the samples on
// either side do not meet as if the flagged ones had never been there.
class ExcludedSamples {
 public:
  ExcludedSamples() = default;  // none
  // One flag per sample; empty: none.
  explicit ExcludedSamples(const std::vector<bool>& excluded);

  bool any() const { return !prefix_.empty() && prefix_.back() > 0; }
  // Whether one of the samples [from, to) is excluded (clamped to the set).
  bool AnyIn(std::size_t from, std::size_t to) const;

 private:
  std::vector<std::size_t> prefix_;  // prefix_[i]: excluded among the first i
};

// For the sliding segments of `segment_len` every `slide` samples over the
// `size` samples from `offset` (as SlidingSegments cuts them), whether each
// is free of excluded samples; empty when none is excluded.
std::vector<bool> SegmentsClearOf(const ExcludedSamples& excluded, std::size_t offset,
                                  std::size_t size, std::size_t segment_len, std::size_t slide);

// Element-wise `a` and `b`, where an empty vector keeps everything.
std::vector<bool> BothKeep(std::vector<bool> a, const std::vector<bool>& b);

// The rows of `m` whose `keep` entry is true (all rows when `keep` is shorter
// than m.rows() or keeps nothing).
Matrix KeepRows(const Matrix& m, const std::vector<bool>& keep);

}  // namespace shapewatch
