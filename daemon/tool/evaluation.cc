#include "daemon/tool/evaluation.h"

#include <algorithm>
#include <cmath>

#include "core/series_stats.h"
#include "daemon/tool/event_scoring.h"

namespace shapewatch::tool {
namespace {

// Samples after the training part left alone, and kept clear of events:
// the first hops, and the smoothed score's window, fill up there.
constexpr std::size_t kWarmupSegments = 8;
// Clean windows keep this many segment lengths from event windows.
constexpr std::size_t kGuardSegments = 8;
constexpr std::size_t kMaxPeriodSearch = 4096;
// Zero, flat and shape events change the signal by how much it differs from
// 0, from one value, from its own period there: one that changes the
// stretch by less than this many scales (RMS) is not an anomaly and is
// re-drawn, up to kRedraws times.
constexpr double kMinChangeScales = 1.0;
constexpr int kRedraws = 50;

double RmsChange(std::span<const double> before, std::span<const double> after) {
  double sum = 0.0;
  for (std::size_t i = 0; i < before.size(); ++i)
    sum += (after[i] - before[i]) * (after[i] - before[i]);
  return std::sqrt(sum / static_cast<double>(before.size()));
}

// Injects `event`, moving it within +-`room` samples until it changes the
// signal enough (for the kinds whose effect depends on the signal).
InjectedEvent InjectVisible(std::vector<double>& series, InjectedEvent event, std::size_t room,
                            const InjectionContext& context, EvalRandom& random) {
  const bool fixed = event.kind == AnomalyKind::kSpike || event.kind == AnomalyKind::kLevel ||
                     event.kind == AnomalyKind::kNoise;
  const std::size_t length = event.end - event.start, base = event.start - room;
  for (int attempt = 0;; ++attempt) {
    const auto first = series.begin() + static_cast<std::ptrdiff_t>(event.start);
    const std::vector<double> before(first, first + static_cast<std::ptrdiff_t>(length));
    InjectEvent(series, event, context, random);
    const std::span<const double> after(series.data() + event.start, length);
    if (fixed || attempt == kRedraws ||
        RmsChange(before, after) >= kMinChangeScales * context.scale) {
      return event;
    }
    std::copy(before.begin(), before.end(), first);
    event.start = base + random.Below(2 * room + 1);
    event.end = event.start + length;
  }
}

struct HopScores {
  SampleRange range;
  double instant = 0.0, smoothed = 0.0;
};

struct Streams {
  std::vector<double> instant, smoothed;  // per sample, just after it arrived
  std::vector<HopScores> hops;
};

Streams ReplayScores(std::span<const double> series, std::size_t from,
                     const std::shared_ptr<const Model>& model, const DetectorOptions& options) {
  Streams s;
  s.instant.assign(series.size(), 0.0);
  s.smoothed.assign(series.size(), 0.0);
  SeriesDetector detector(model, options);
  for (std::size_t i = from; i < series.size(); ++i) {
    if (const ScoredHop* h = detector.Push(series[i])) {
      const std::size_t first = from + static_cast<std::size_t>(h->hop->first_index);
      s.hops.push_back({{first, first + h->hop->values.size()}, h->score, h->smoothed_score});
    }
    s.instant[i] = detector.score();
    s.smoothed[i] = detector.smoothed_score();
  }
  return s;
}

StreamResult Measure(std::span<const double> per_sample, const std::vector<double>& clean_hops,
                     std::span<const SampleRange> events, std::span<const SampleRange> clean,
                     const EvaluationPlan& plan) {
  std::vector<double> positives, negatives;
  for (SampleRange e : events) positives.push_back(MaxOver(per_sample, e));
  for (SampleRange c : clean) negatives.push_back(MaxOver(per_sample, c));
  StreamResult r;
  r.auc = RocAuc(positives, negatives);
  r.threshold_at_rate = ThresholdAtFalseAlarmRate(clean_hops, plan.false_alarm_rate);
  const auto share = [](const std::vector<double>& v, double t) {
    if (v.empty()) return 0.0;
    const auto n = std::count_if(v.begin(), v.end(), [t](double x) { return x >= t; });
    return static_cast<double>(n) / static_cast<double>(v.size());
  };
  r.detected_at_rate = share(positives, r.threshold_at_rate);
  r.detected_at_threshold = share(positives, plan.detector.threshold);
  r.clean_alarm_rate = share(clean_hops, plan.detector.threshold);
  return r;
}

bool Inside(SampleRange inner, std::span<const SampleRange> windows) {
  return std::any_of(windows.begin(), windows.end(),
                     [&](SampleRange w) { return w.begin <= inner.begin && inner.end <= w.end; });
}

KindResult EvaluateKind(AnomalyKind kind, std::span<const double> samples,
                        const std::shared_ptr<const Model>& model, const InjectionContext& context,
                        const EvaluationPlan& plan) {
  const std::size_t len = context.segment_len, guard = kGuardSegments * len;
  const std::size_t length = EventLength(kind, context);
  const std::size_t window = length + len;
  const SampleRange scored{plan.train_samples + kWarmupSegments * len, samples.size() - len};
  EvalRandom random(plan.seed * 0x100000001b3ULL + static_cast<std::uint64_t>(kind) + 1);
  const std::vector<InjectedEvent> events = PlaceEvents(kind, plan.events, scored.begin, scored.end,
                                                        4 * (guard + window), context, random);
  std::vector<double> series(samples.begin(), samples.end());
  std::vector<SampleRange> event_windows;
  const std::size_t room = events.empty() ? 0 : (scored.end - scored.begin) / events.size() / 8;
  for (const InjectedEvent& placed : events) {
    const InjectedEvent e = InjectVisible(series, placed, room, context, random);
    event_windows.push_back(EventWindow(e, len, series.size()));
  }
  std::vector<SampleRange> not_clean = event_windows;
  not_clean.insert(not_clean.end(), plan.known_anomalies.begin(), plan.known_anomalies.end());
  const std::vector<SampleRange> clean = CleanWindows(not_clean, scored, window, guard);
  const Streams streams = ReplayScores(series, plan.train_samples, model, plan.detector);
  std::vector<double> clean_instant, clean_smoothed;
  for (const HopScores& h : streams.hops) {
    if (!Inside(h.range, clean)) continue;
    clean_instant.push_back(h.instant);
    clean_smoothed.push_back(h.smoothed);
  }
  KindResult r{kind, events.size(), length, clean.size(), clean_instant.size(), {}, {}};
  r.instant = Measure(streams.instant, clean_instant, event_windows, clean, plan);
  r.smoothed = Measure(streams.smoothed, clean_smoothed, event_windows, clean, plan);
  return r;
}

}  // namespace

Result<EvaluationReport> Evaluate(std::span<const double> samples,
                                  const std::shared_ptr<const Model>& model,
                                  const EvaluationPlan& plan) {
  const std::size_t len = model->params.segment_len;
  if (plan.train_samples >= samples.size() ||
      samples.size() - plan.train_samples < 2 * (kWarmupSegments + kGuardSegments) * len) {
    return Error{"too few samples after the training part to place events"};
  }
  const std::span<const double> training = samples.first(plan.train_samples);
  EvaluationReport report;
  report.context.segment_len = len;
  report.context.scale = RobustScale(training);
  if (!(report.context.scale > 0.0)) report.context.scale = 1.0;
  report.context.period =
      DominantPeriod(training, 4, std::min(kMaxPeriodSearch, training.size() / 4)).value_or(len);
  report.hop = model->params.hop;
  report.clusters = model->centroids.rows();
  for (AnomalyKind kind : plan.kinds) {
    report.kinds.push_back(EvaluateKind(kind, samples, model, report.context, plan));
  }
  return report;
}

}  // namespace shapewatch::tool
