#include "daemon/detect/detector_metrics.h"

namespace shapewatch {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

prometheus::Family<prometheus::Counter>& DroppedFamily(prometheus::Registry& r) {
  return BuildCounter()
      .Name("shapewatch_samples_dropped_total")
      .Help("Samples received but not processed, by reason")
      .Register(r);
}

prometheus::Histogram::BucketBoundaries HopBuckets() {
  return {1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 1e-2};
}

}  // namespace

DetectorMetrics::DetectorMetrics(prometheus::Registry& r)
    : out_of_order(DroppedFamily(r).Add({{"reason", "out_of_order"}})),
      training_backlog(DroppedFamily(r).Add({{"reason", "training_backlog"}})),
      stream_restarts(BuildCounter()
                          .Name("shapewatch_stream_restarts_total")
                          .Help("Reconstructions restarted because a series had a gap")
                          .Register(r)
                          .Add({})),
      trainings_ok(BuildCounter()
                       .Name("shapewatch_trainings_total")
                       .Help("Models trained in the background, by result")
                       .Register(r)
                       .Add({{"result", "ok"}})),
      trainings_failed(BuildCounter()
                           .Name("shapewatch_trainings_total")
                           .Help("Models trained in the background, by result")
                           .Register(r)
                           .Add({{"result", "failed"}})),
      retrainings(BuildCounter()
                      .Name("shapewatch_retrainings_total")
                      .Help("Learned models replaced by one trained on recent normal data")
                      .Register(r)
                      .Add({})),
      retrainings_skipped(
          BuildCounter()
              .Name("shapewatch_retrainings_skipped_total")
              .Help("Retrainings not started: too few recent hops unflagged to learn from")
              .Register(r)
              .Add({})),
      hop_seconds(BuildHistogram()
                      .Name("shapewatch_hop_processing_seconds")
                      .Help("Time to reconstruct and score one hop")
                      .Register(r)
                      .Add({}, HopBuckets())),
      queue_samples(BuildGauge()
                        .Name("shapewatch_queue_samples")
                        .Help("Samples waiting in the ring buffer between ingest and detector")
                        .Register(r)
                        .Add({})),
      queue_capacity(BuildGauge()
                         .Name("shapewatch_queue_capacity_samples")
                         .Help("Capacity of the ring buffer between ingest and detector")
                         .Register(r)
                         .Add({})),
      lag_seconds(
          BuildGauge()
              .Name("shapewatch_detector_lag_seconds")
              .Help("How long the oldest sample of the latest batch waited in the ring buffer")
              .Register(r)
              .Add({})),
      score_(BuildGauge()
                 .Name("shapewatch_anomaly_score")
                 .Help("Calibrated anomaly score of the latest hop, 0..1")
                 .Register(r)),
      smoothed_(BuildGauge()
                    .Name("shapewatch_anomaly_score_smoothed")
                    .Help("Calibrated score of the recent average surprise, 0..1; rises on "
                          "sustained changes")
                    .Register(r)),
      error_(BuildGauge()
                 .Name("shapewatch_reconstruction_error")
                 .Help("RMS reconstruction error of the latest hop, in the series' units")
                 .Register(r)),
      anomalous_(BuildGauge()
                     .Name("shapewatch_anomalous")
                     .Help("1 while the latest hop's score is at or above the threshold")
                     .Register(r)),
      consecutive_(BuildGauge()
                       .Name("shapewatch_anomalous_consecutive_hops")
                       .Help("Anomalous hops in a row up to the latest (0 when the latest hop "
                             "is normal)")
                       .Register(r)),
      anomalous_hops_(BuildCounter()
                          .Name("shapewatch_anomalous_hops_total")
                          .Help("Hops whose score reached the threshold")
                          .Register(r)),
      hops_(BuildCounter()
                .Name("shapewatch_series_hops_total")
                .Help("Hops reconstructed and scored for the series")
                .Register(r)),
      samples_(BuildCounter()
                   .Name("shapewatch_series_samples_total")
                   .Help("Samples processed for the series")
                   .Register(r)),
      state_(BuildGauge()
                 .Name("shapewatch_series_state")
                 .Help("1 for the state the series is in, 0 for the others")
                 .Register(r)) {
  auto& by_state = BuildGauge()
                       .Name("shapewatch_series")
                       .Help("Series known to the daemon, by state")
                       .Register(r);
  for (SeriesState s : kAllSeriesStates) {
    by_state_[SeriesStateIndex(s)] = &by_state.Add({{"state", std::string(SeriesStateName(s))}});
  }
}

SeriesMetrics DetectorMetrics::ForSeries(const std::string& name) {
  SeriesMetrics m;
  m.score = &score_.Add({{"series", name}});
  m.smoothed = &smoothed_.Add({{"series", name}});
  m.error = &error_.Add({{"series", name}});
  m.anomalous = &anomalous_.Add({{"series", name}});
  m.consecutive_anomalous = &consecutive_.Add({{"series", name}});
  m.anomalous_hops = &anomalous_hops_.Add({{"series", name}});
  m.hops = &hops_.Add({{"series", name}});
  m.samples = &samples_.Add({{"series", name}});
  for (SeriesState s : kAllSeriesStates) {
    m.state[SeriesStateIndex(s)] =
        &state_.Add({{"series", name}, {"state", std::string(SeriesStateName(s))}});
  }
  return m;
}

void DetectorMetrics::ChangeState(SeriesMetrics& m, SeriesState from, SeriesState to, bool is_new) {
  if (!is_new) {
    if (from == to) return;
    m.state[SeriesStateIndex(from)]->Set(0);
    by_state_[SeriesStateIndex(from)]->Decrement();
  }
  m.state[SeriesStateIndex(to)]->Set(1);
  by_state_[SeriesStateIndex(to)]->Increment();
}

}  // namespace shapewatch
