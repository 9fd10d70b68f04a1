// FlatRun: how long a series has been stuck at one value. A sensor or an
// exporter that stops updating repeats its last value exactly — a stretch the
// shape model cannot see when a flat piece is locally a normal shape (the
// diastole between two pulses, a quiet night). The detector ranks each hop's
// longest run of exactly repeated samples against the runs of the training
// data, alongside the reconstruction error (SeriesDetector).
//
// Runs shorter than `min_run` (the detection hop) count as 0: a value that
// repeats a few times (rounding, a quantised sensor) is not a stuck one.
//
// FlatRunTracker is a plain value, not thread-safe; FlatRunCalibration is a
// pure function.
#pragma once

#include <cstddef>
#include <span>

#include "core/error_sketch.h"
#include "core/training_exclusion.h"

namespace shapewatch {

class FlatRunTracker {
 public:
  explicit FlatRunTracker(std::size_t min_run) : min_run_(min_run) {}

  // Adds the next sample.
  void Push(double value);

  // The longest run of equal consecutive samples among those pushed since
  // the previous call (a run that started earlier counted in full), or 0 when
  // it is shorter than min_run; starts the next hop's count.
  double TakeHopLongest();

  // Forgets the samples (after a gap in the series).
  void Reset();

 private:
  std::size_t min_run_;
  bool has_last_ = false;
  double last_ = 0.0;
  std::size_t run_ = 0;
  std::size_t hop_longest_ = 0;
};

// The per-hop longest runs of `signal`, taken every `hop` samples from the
// `segment_len`-th on (where a detector's hops become final), runs shorter
// than a hop counting 0 — unless no run reaches a hop at all: then every run
// is kept as it is, so the history has a scale (a run shorter than a hop
// still scores nothing in the detector). Hops whose last `segment_len`
// samples hold an excluded one are left out.
ErrorSketch FlatRunCalibration(std::span<const double> signal, std::size_t segment_len,
                               std::size_t hop, const ExcludedSamples& excluded = {});

}  // namespace shapewatch
