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
                               std::size_t hop, const ExcludedSamples& excluded) {
  ErrorSketch counted, all;
  if (hop == 0) return counted;
  FlatRunTracker tracker(1);  // every run; the detector's would zero those under a hop
  for (std::size_t i = 0; i < signal.size(); ++i) {
    tracker.Push(signal[i]);
    if (excluded.AnyIn(i, i + 1)) tracker.Reset();  // no run continues across it
    const std::size_t count = i + 1;
    if (count >= segment_len && (count - segment_len) % hop == 0) {
      const double longest = tracker.TakeHopLongest();
      if (excluded.AnyIn(count - segment_len, count)) continue;
      counted.Add(longest >= static_cast<double>(hop) ? longest : 0.0);
      all.Add(longest);
    }
  }
  // Runs of a hop or more in training set the scale and the tail. Without
  // any, the counted history is all zeros and a run of a hop would have a
  // tail of 0 (a score of exactly 1, level with the worst anomaly): then the
  // short runs stand in, so a run is ranked by how much longer it is.
  return counted.total() > counted.zero_count() ? counted : all;
}
}  // namespace shapewatch
