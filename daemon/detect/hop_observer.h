// HopObserver: something that wants every scored hop of every series, such
// as the alert tracker. Called on the detector thread, in hop order per
// series; implementations must be quick and must not block (hand slow work,
// like HTTP, to another thread through a bounded queue).
#pragma once

#include <string>

#include "core/series_detector.h"
#include "daemon/detect/series_state.h"

namespace shapewatch {

class HopObserver {
 public:
  virtual ~HopObserver() = default;

  // `timestamp` is the sample timestamp (seconds since the epoch, as sent)
  // of the sample that made the hop final.
  virtual void OnHop(const std::string& series, const ScoredHop& hop, double timestamp) = 0;

  // The series entered `state` (learning, scoring, failed, ...).
  virtual void OnStateChange(const std::string& series, SeriesState state) {
    (void)series;
    (void)state;
  }
};

}  // namespace shapewatch
