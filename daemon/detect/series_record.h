// SeriesRecord: the detector thread's state for one series. Owned by the
// DetectorLoop and touched only on its thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/retraining_window.h"
#include "core/series_detector.h"
#include "daemon/detect/detector_metrics.h"
#include "daemon/detect/series_state.h"

namespace shapewatch {

struct SeriesRecord {
  std::uint32_t id = 0;  // from the SeriesDirectory
  std::string name;
  std::size_t rule = 0;  // index into the configuration's rules
  SeriesState state = SeriesState::kLearning;
  std::unique_ptr<SeriesDetector> detector;  // set while scoring
  std::string model_source;                  // the model file's path, or "learned"
  bool backlog_overflowed = false;           // samples were dropped while training
  // Learning: the training samples so far. Training: samples that arrived
  // meanwhile, replayed through the detector once the model is ready.
  std::vector<double> buffer;
  double last_timestamp = -std::numeric_limits<double>::infinity();
  double interval = 0.0;  // smoothed interval between samples, seconds
  int gap_streak = 0;     // consecutive gaps; a lasting new rate is adopted
  // Scoring a learned model: what it is retrained on and when. A retraining
  // job is in flight while `retraining`.
  RetrainingWindow retraining_window{0, 0};
  bool retraining = false;
  // A retrained model waiting for the next hop boundary to take over, and
  // the latest raw samples, replayed into it so scoring continues seamlessly.
  std::shared_ptr<const Model> next_model;
  std::deque<double> raw_tail;
  SeriesMetrics metrics;
};

}  // namespace shapewatch
