// `shapewatch evaluate`: inject anomalies of each kind into a recording after
// its training part and measure how well each score separates the event
// windows from clean windows (see event_scoring.h), replaying causally
// through SeriesDetector (one Push per sample, as the daemon does).
//
// The recording is replayed once as it is: its hops are the clean hops
// (false alarms are counted there) and its windows the clean windows, away
// from known anomalies. Each event is then scored alone: a copy of that
// replay's detector, taken just before the event, is fed the event's window.
// So no event is scored against a history that already holds other
// injected events (20 events per kind would be ~2 % of the hops, far more
// than real anomalies, and would lower every later score, clean ones too).
// With plan.retrain_interval the clean replay retrains as the daemon would,
// and each event is scored by the model in use when it arrives.
// Deterministic; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/model_trainer.h"
#include "core/result.h"
#include "core/series_detector.h"
#include "daemon/tool/anomaly_injection.h"
#include "daemon/tool/event_scoring.h"

namespace shapewatch::tool {

struct EvaluationPlan {
  std::size_t train_samples = 0;  // the model was trained on samples[0, train_samples)
  std::size_t events = 20;        // per kind
  std::uint64_t seed = 0;         // where events go and how they look
  // evaluate (the command) runs seeds seed .. seed + repeats - 1, each with
  // a model trained with that seed, and reports the means (AverageReports).
  std::size_t repeats = 1;
  std::vector<AnomalyKind> kinds{std::begin(kAllAnomalyKinds), std::end(kAllAnomalyKinds)};
  double false_alarm_rate = 0.001;  // per clean hop, for detected_at_rate
  DetectorOptions detector;         // its threshold gives detected_at_threshold
  // Stretches that already hold real anomalies: clean windows keep the same
  // distance from them as from the injected events.
  std::vector<SampleRange> known_anomalies;
  // Retrain as the daemon does with a rule's retrain_interval (0: never):
  // every this many scored samples, on the last train_samples samples with
  // the flagged hops left out (RetrainingWindow), with `train`. Here the new
  // model takes over at once; the daemon trains in the background and swaps
  // a few hops later.
  std::size_t retrain_interval = 0;
  TrainOptions train;
};

// How one score stream (instant or smoothed) does on one kind.
struct StreamResult {
  double auc = 0.5;
  double threshold_at_rate = 0.0;      // chosen on the clean hops
  double detected_at_rate = 0.0;       // share of events >= threshold_at_rate
  double detected_at_threshold = 0.0;  // share of events >= plan.detector.threshold
  double clean_alarm_rate = 0.0;       // share of clean hops >= plan.detector.threshold
};

// One injected event and how each score saw it: its highest score over its
// window, and whether that reached the run's threshold_at_rate.
struct EventOutcome {
  std::uint64_t seed = 0;          // of the run that injected it
  std::size_t start = 0, end = 0;  // the samples it changed
  std::string_view variant;        // InjectEvent's result
  double instant = 0.0, smoothed = 0.0;
  bool instant_detected = false, smoothed_detected = false;
};

struct KindResult {
  AnomalyKind kind = AnomalyKind::kZero;
  std::size_t events = 0, event_length = 0, clean_windows = 0, clean_hops = 0;
  StreamResult instant, smoothed;
  std::vector<EventOutcome> outcomes;  // one per event, in the order injected
};

struct EvaluationReport {
  InjectionContext context;  // scale and period of the training part
  std::size_t hop = 0, clusters = 0;
  std::vector<KindResult> kinds;
};

Result<EvaluationReport> Evaluate(std::span<const double> samples,
                                  const std::shared_ptr<const Model>& model,
                                  const EvaluationPlan& plan);

// Several runs of one plan with different seeds as one report: per kind,
// events, windows and hops are summed, outcomes joined and every StreamResult
// field is the mean over the runs; the rest is the first run's. Runs list the
// same kinds.
EvaluationReport AverageReports(std::span<const EvaluationReport> reports);

}  // namespace shapewatch::tool
