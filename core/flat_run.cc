#include "core/flat_run.h"

#include <algorithm>

namespace shapewatch {

void FlatRunTracker::Push(double value) {
  run_ = has_last_ && value == last_ ? run_ + 1 : 1;
  has_last_ = true;
  last_ = value;
  hop_longest_ = std::max(hop_longest_, run_);
}

double FlatRunTracker::TakeHopLongest() {
  const std::size_t longest = hop_longest_;
  hop_longest_ = 0;  // the next sample extends the run (counted in full) or ends it
  return longest >= min_run_ ? static_cast<double>(longest) : 0.0;
}

void FlatRunTracker::Reset() { *this = FlatRunTracker(min_run_); }

ErrorSketch FlatRunCalibration(std::span<const double> signal, std::size_t segment_len,
                               std::size_t hop) {
  ErrorSketch sketch;
  if (hop == 0) return sketch;
  // Every run counts here, short ones too (the detector's tracker zeroes
  // those under a hop): they give the history a scale and a tail to fit, so
  // that a run longer than any in training is ranked by how much longer.
  // With zeros only, anything above 0 had a tail of 0 (a score of exactly 1).
  FlatRunTracker tracker(1);
  for (std::size_t i = 0; i < signal.size(); ++i) {
    tracker.Push(signal[i]);
    const std::size_t count = i + 1;
    if (count >= segment_len && (count - segment_len) % hop == 0) {
      sketch.Add(tracker.TakeHopLongest());
    }
  }
  return sketch;
}

}  // namespace shapewatch
