// StreamingReconstructor: the detection half of the method, one sample at a
// time.
//
// Segments of L samples start every `hop` samples; each is windowed (and
// scaled to unit norm for Normalization::kUnit), matched to its nearest
// centroid, and the centroid (scaled back) is overlap-added. Dividing by the
// overlap-added window makes the reconstruction unbiased for any window and
// hop (for Hann at hop L/2 the divisor is exactly 1). Once a segment is
// complete, the `hop` samples at its start are covered by every segment that
// will ever cover them: they are final and come out as a Hop. The first
// L - hop samples after a Reset() are never fully covered and are not
// emitted. Pushing a whole array or any chunking of it gives bit-identical
// hops. Holds a shared immutable model; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/centroid_table.h"
#include "core/model.h"

namespace shapewatch {

struct Hop {
  std::uint64_t first_index = 0;           // index of values[0] among all samples pushed
  std::span<const double> values;          // the samples as pushed
  std::span<const double> reconstruction;  // their reconstruction
  std::span<const double> error;           // reconstruction - value
  std::size_t centroid = 0;                // centroid matched by the segment that finished the hop
  double rms_error = 0.0;                  // sqrt(mean(error^2)) over the hop
  double max_abs_error = 0.0;              // max |error| over the hop
};

// The error that scoring ranks and training calibrates (ShapeParams).
inline double ScoredError(const Hop& hop, ErrorStatistic statistic) {
  if (statistic == ErrorStatistic::kRmsMax) return 0.5 * (hop.rms_error + hop.max_abs_error);
  return hop.rms_error;
}

class StreamingReconstructor {
 public:
  explicit StreamingReconstructor(std::shared_ptr<const Model> model);

  // Adds one sample. Returns true when a hop became final; it is then
  // available from last_hop() until the next Push or Reset.
  bool Push(double value);

  // Adds samples in order, calling on_hop(const Hop&) for each final hop.
  template <typename OnHop>
  void Push(std::span<const double> values, OnHop&& on_hop) {
    for (double v : values) {
      if (Push(v)) on_hop(last_hop());
    }
  }

  const Hop& last_hop() const { return hop_; }

  // Starts a new stretch: what comes next is not glued to what came before.
  void Reset();

  std::uint64_t samples_pushed() const { return index_; }
  const Model& model() const { return *model_; }
  const std::shared_ptr<const Model>& shared_model() const { return model_; }

 private:
  void FinishSegment();

  std::shared_ptr<const Model> model_;
  CentroidTable table_;
  std::vector<double> window_;
  std::size_t len_, hop_len_;
  std::vector<double> samples_;  // the current segment, filled_ of len_
  std::size_t filled_ = 0;
  std::vector<double> sum_;      // overlap-added centroids, aligned with samples_
  std::vector<double> weight_;   // overlap-added window
  std::vector<double> scratch_;  // windowed segment
  std::vector<double> out_values_, out_recon_, out_error_;
  std::uint64_t index_ = 0;          // samples pushed in total
  std::uint64_t segment_start_ = 0;  // index of samples_[0]
  std::uint64_t stretch_start_ = 0;  // index of the first sample after Reset
  Hop hop_;
};

}  // namespace shapewatch
