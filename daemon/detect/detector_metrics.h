// DetectorMetrics: the Prometheus families the detector thread updates.
//
// Families are created once at start-up; a series' label sets are created
// when it first appears (SeriesMetrics keeps the references), so the hot
// path only calls Set/Increment/Observe. prometheus-cpp metrics are
// thread-safe; ForSeries is called from the detector thread only.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <string>

#include "daemon/detect/series_state.h"

namespace shapewatch {

struct SeriesMetrics {
  prometheus::Gauge* score = nullptr;                  // shapewatch_anomaly_score
  prometheus::Gauge* smoothed = nullptr;               // shapewatch_anomaly_score_smoothed
  prometheus::Gauge* error = nullptr;                  // shapewatch_reconstruction_error
  prometheus::Gauge* anomalous = nullptr;              // shapewatch_anomalous
  prometheus::Gauge* consecutive_anomalous = nullptr;  // shapewatch_anomalous_consecutive_hops
  prometheus::Counter* anomalous_hops = nullptr;
  prometheus::Counter* hops = nullptr;  // shapewatch_series_hops_total
  prometheus::Counter* samples = nullptr;
  std::array<prometheus::Gauge*, kAllSeriesStates.size()> state{};
};

class DetectorMetrics {
 public:
  explicit DetectorMetrics(prometheus::Registry& registry);

  SeriesMetrics ForSeries(const std::string& name);

  // Moves a series between states in both the per-series state set and the
  // by-state series count. `from` is ignored for a series just created.
  void ChangeState(SeriesMetrics& m, SeriesState from, SeriesState to, bool is_new);

  prometheus::Counter& out_of_order;      // shapewatch_samples_dropped_total{reason="out_of_order"}
  prometheus::Counter& training_backlog;  // ... {reason="training_backlog"}
  prometheus::Counter& stream_restarts;   // shapewatch_stream_restarts_total
  prometheus::Counter& trainings_ok;      // shapewatch_trainings_total{result="ok"}
  prometheus::Counter& trainings_failed;  // ... {result="failed"}
  prometheus::Counter& retrainings;       // shapewatch_retrainings_total
  prometheus::Counter& retrainings_skipped;  // shapewatch_retrainings_skipped_total
  prometheus::Histogram& hop_seconds;        // shapewatch_hop_processing_seconds
  prometheus::Gauge& queue_samples;          // shapewatch_queue_samples
  prometheus::Gauge& queue_capacity;         // shapewatch_queue_capacity_samples
  prometheus::Gauge& lag_seconds;            // shapewatch_detector_lag_seconds

 private:
  prometheus::Family<prometheus::Gauge>& score_;
  prometheus::Family<prometheus::Gauge>& smoothed_;
  prometheus::Family<prometheus::Gauge>& error_;
  prometheus::Family<prometheus::Gauge>& anomalous_;
  prometheus::Family<prometheus::Gauge>& consecutive_;
  prometheus::Family<prometheus::Counter>& anomalous_hops_;
  prometheus::Family<prometheus::Counter>& hops_;
  prometheus::Family<prometheus::Counter>& samples_;
  prometheus::Family<prometheus::Gauge>& state_;
  std::array<prometheus::Gauge*, kAllSeriesStates.size()> by_state_{};
};

}  // namespace shapewatch
