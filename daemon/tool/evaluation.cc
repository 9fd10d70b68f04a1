#include "daemon/tool/evaluation.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/retraining_window.h"
#include "core/series_stats.h"
#include "daemon/tool/event_scoring.h"

namespace shapewatch::tool {
namespace {

// Samples after the training part left alone, and kept clear of events:
// the first hops, and the smoothed score's window, fill up there.
constexpr std::size_t kWarmupSegments = 8;
// Clean windows keep this many segment lengths from known anomalies; events
// are this far apart (PlaceEvents' minimum slot).
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
// signal enough (for the kinds whose effect depends on the signal) and its
// window keeps `guard` samples from every known anomaly (an event on a real
// incident would be found for the incident's sake). nullopt, and nothing
// injected, when no try found a place clear of the known anomalies.
std::optional<InjectedEvent> InjectVisible(std::vector<double>& series, InjectedEvent event,
                                           std::size_t room, std::span<const SampleRange> known,
                                           std::size_t guard, const InjectionContext& context,
                                           EvalRandom& random) {
  const bool fixed = event.kind == AnomalyKind::kSpike || event.kind == AnomalyKind::kLevel ||
                     event.kind == AnomalyKind::kNoise;
  const std::size_t length = event.end - event.start, base = event.start - room;
  for (int attempt = 0;; ++attempt) {
    if (FarFromAll(EventWindow(event, context.segment_len, series.size()), known, guard)) {
      const auto first = series.begin() + static_cast<std::ptrdiff_t>(event.start);
      const std::vector<double> before(first, first + static_cast<std::ptrdiff_t>(length));
      event.variant = InjectEvent(series, event, context, random);
      const std::span<const double> after(series.data() + event.start, length);
      if (fixed || attempt >= kRedraws ||
          RmsChange(before, after) >= kMinChangeScales * context.scale) {
        return event;
      }
      std::copy(before.begin(), before.end(), first);
    } else if (attempt >= kRedraws) {
      return std::nullopt;
    }
    event.start = base + random.Below(2 * room + 1);
    event.end = event.start + length;
  }
}

// Where events go and clean windows lie: after the warm-up, and a segment
// short of the end (the last hops never become final).
SampleRange ScoredRange(std::size_t samples, std::size_t segment_len, const EvaluationPlan& plan) {
  return {plan.train_samples + kWarmupSegments * segment_len, samples - segment_len};
}

struct HopScores {
  SampleRange range;
  double instant = 0.0, smoothed = 0.0;
};

// The recording replayed without any injected event.
struct CleanReplay {
  std::vector<double> instant, smoothed;  // per sample, just after it arrived
  std::vector<HopScores> hops;
  // The detector just before sample `first` arrived, for each requested index.
  std::vector<std::pair<std::size_t, SeriesDetector>> snapshots;
};

// A detector with a model retrained on `window`'s samples, fed the samples
// before `next` that its first hop needs, so that it goes on exactly where
// the detector in use (`in_use`) stops, as the daemon swaps models; nullopt
// when training fails (the model in use stays, as in the daemon). `origin`
// becomes the index of the new detector's first sample.
std::optional<SeriesDetector> Retrained(RetrainingWindow& window, const ShapeParams& in_use,
                                        std::span<const double> samples, std::size_t next,
                                        const EvaluationPlan& plan, std::size_t& origin) {
  const TrainingSet set = window.Take();
  Result<Model> model = TrainModel(set.samples, RetrainOptions(plan.train, in_use), set.excluded);
  if (!model.ok()) return std::nullopt;
  SeriesDetector detector(std::make_shared<const Model>(std::move(*model)), plan.detector);
  origin = next - std::min(next, PrimingSamples(detector.model().params));
  for (std::size_t i = origin; i < next; ++i) detector.Push(samples[i]);
  return detector;
}

CleanReplay ReplayClean(std::span<const double> samples, std::vector<std::size_t> snapshot_at,
                        const std::shared_ptr<const Model>& model, const EvaluationPlan& plan) {
  std::sort(snapshot_at.begin(), snapshot_at.end());
  CleanReplay r;
  r.instant.assign(samples.size(), 0.0);
  r.smoothed.assign(samples.size(), 0.0);
  SeriesDetector detector(model, plan.detector);
  RetrainingWindow retraining(plan.retrain_interval, plan.train_samples);
  std::size_t origin = plan.train_samples;  // the index of the detector's first sample
  auto next = snapshot_at.begin();
  for (std::size_t i = plan.train_samples; i < samples.size(); ++i) {
    for (; next != snapshot_at.end() && *next == i; ++next) r.snapshots.emplace_back(i, detector);
    if (const ScoredHop* h = detector.Push(samples[i])) {
      const std::size_t first = origin + static_cast<std::size_t>(h->hop->first_index);
      r.hops.push_back({{first, first + h->hop->values.size()}, h->score, h->smoothed_score});
      retraining.Record(*h);
    }
    // Until a swapped-in detector's first hop, the scores in export are the
    // previous detector's last.
    if (detector.hops() > 0 || i == plan.train_samples) {
      r.instant[i] = detector.score();
      r.smoothed[i] = detector.smoothed_score();
    } else {
      r.instant[i] = r.instant[i - 1];
      r.smoothed[i] = r.smoothed[i - 1];
    }
    if (retraining.due()) {
      std::size_t new_origin = 0;
      if (auto d =
              Retrained(retraining, detector.model().params, samples, i + 1, plan, new_origin)) {
        detector = std::move(*d);
        origin = new_origin;
      }
    }
  }
  return r;
}

// Every event window starts after the training part and before the end, so
// ReplayClean took a snapshot exactly there.
const SeriesDetector& SnapshotAt(const CleanReplay& replay, std::size_t index) {
  const auto it = std::lower_bound(
      replay.snapshots.begin(), replay.snapshots.end(), index,
      [](const std::pair<std::size_t, SeriesDetector>& s, std::size_t i) { return s.first < i; });
  if (it == replay.snapshots.end() || it->first != index) {
    throw std::logic_error("evaluate: no detector snapshot at sample " + std::to_string(index));
  }
  return it->second;
}

// The highest instant and smoothed scores while `window` of `series` (the
// recording with one kind's events injected) arrives at a detector that
// has seen the clean recording up to the window: each event is scored as if
// it were the only anomaly, against an unspoilt history.
std::pair<double, double> EventScores(const CleanReplay& replay, std::span<const double> series,
                                      SampleRange window) {
  // A copy: its last hop pointer still points into the snapshot's
  // reconstructor until the first Push, and only the scores are read.
  SeriesDetector detector = SnapshotAt(replay, window.begin);
  double instant = 0.0, smoothed = 0.0;
  for (std::size_t i = window.begin; i < window.end; ++i) {
    detector.Push(series[i]);
    instant = std::max(instant, detector.score());
    smoothed = std::max(smoothed, detector.smoothed_score());
  }
  return {instant, smoothed};
}

StreamResult Measure(const std::vector<double>& positives, const std::vector<double>& negatives,
                     const std::vector<double>& clean_hops, const EvaluationPlan& plan) {
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

// One kind's events, placed and injected into its own copy of the recording.
struct InjectedKind {
  AnomalyKind kind = AnomalyKind::kZero;
  std::vector<double> series;
  std::vector<InjectedEvent> events;  // as injected; windows from EventWindow
};

InjectedKind InjectKind(AnomalyKind kind, std::span<const double> samples,
                        const InjectionContext& context, const EvaluationPlan& plan) {
  const std::size_t len = context.segment_len, guard = kGuardSegments * len;
  const std::size_t window = EventLength(kind, context) + len;
  const SampleRange scored = ScoredRange(samples.size(), len, plan);
  EvalRandom random(plan.seed * 0x100000001b3ULL + static_cast<std::uint64_t>(kind) + 1);
  const std::vector<InjectedEvent> events = PlaceEvents(kind, plan.events, scored.begin, scored.end,
                                                        4 * (guard + window), context, random);
  InjectedKind k{kind, std::vector<double>(samples.begin(), samples.end()), {}};
  const std::size_t room = events.empty() ? 0 : (scored.end - scored.begin) / events.size() / 8;
  for (const InjectedEvent& placed : events) {
    const std::optional<InjectedEvent> e =
        InjectVisible(k.series, placed, room, plan.known_anomalies, guard, context, random);
    if (e) k.events.push_back(*e);
  }
  return k;
}

// Each event's highest scores, and whether they reached the run's
// thresholds at the false-alarm rate.
std::vector<EventOutcome> Outcomes(const InjectedKind& k, const std::vector<double>& instant,
                                   const std::vector<double>& smoothed, const KindResult& r,
                                   const EvaluationPlan& plan) {
  std::vector<EventOutcome> out;
  for (std::size_t i = 0; i < k.events.size(); ++i) {
    const InjectedEvent& e = k.events[i];
    out.push_back({plan.seed, e.start, e.end, e.variant, instant[i], smoothed[i],
                   instant[i] >= r.instant.threshold_at_rate,
                   smoothed[i] >= r.smoothed.threshold_at_rate});
  }
  return out;
}

KindResult ScoreKind(const InjectedKind& k, std::span<const double> samples,
                     const CleanReplay& clean_replay, const InjectionContext& context,
                     const EvaluationPlan& plan) {
  const std::size_t len = context.segment_len, guard = kGuardSegments * len;
  const std::size_t length = EventLength(k.kind, context);
  const SampleRange scored = ScoredRange(samples.size(), len, plan);
  const std::vector<SampleRange> clean =
      CleanWindows(plan.known_anomalies, scored, length + len, guard);
  std::vector<double> clean_instant, clean_smoothed;
  for (const HopScores& h : clean_replay.hops) {
    if (!Inside(h.range, clean)) continue;
    clean_instant.push_back(h.instant);
    clean_smoothed.push_back(h.smoothed);
  }
  std::vector<double> event_instant, event_smoothed, window_instant, window_smoothed;
  for (const InjectedEvent& e : k.events) {
    const auto [instant, smoothed] =
        EventScores(clean_replay, k.series, EventWindow(e, len, k.series.size()));
    event_instant.push_back(instant);
    event_smoothed.push_back(smoothed);
  }
  for (SampleRange c : clean) {
    window_instant.push_back(MaxOver(clean_replay.instant, c));
    window_smoothed.push_back(MaxOver(clean_replay.smoothed, c));
  }
  KindResult r{k.kind, k.events.size(), length, clean.size(), clean_instant.size(), {}, {}, {}};
  r.instant = Measure(event_instant, window_instant, clean_instant, plan);
  r.smoothed = Measure(event_smoothed, window_smoothed, clean_smoothed, plan);
  r.outcomes = Outcomes(k, event_instant, event_smoothed, r, plan);
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
  std::vector<InjectedKind> injected;
  std::vector<std::size_t> starts;
  for (AnomalyKind kind : plan.kinds) {
    injected.push_back(InjectKind(kind, samples, report.context, plan));
    for (const InjectedEvent& e : injected.back().events) starts.push_back(e.start);
  }
  const CleanReplay clean = ReplayClean(samples, std::move(starts), model, plan);
  for (const InjectedKind& k : injected) {
    report.kinds.push_back(ScoreKind(k, samples, clean, report.context, plan));
  }
  return report;
}

EvaluationReport AverageReports(std::span<const EvaluationReport> reports) {
  EvaluationReport mean = reports.front();
  const double n = static_cast<double>(reports.size());
  const auto add = [](StreamResult& sum, const StreamResult& r) {
    sum.auc += r.auc;
    sum.threshold_at_rate += r.threshold_at_rate;
    sum.detected_at_rate += r.detected_at_rate;
    sum.detected_at_threshold += r.detected_at_threshold;
    sum.clean_alarm_rate += r.clean_alarm_rate;
  };
  const auto divide = [n](StreamResult& sum) {
    sum.auc /= n;
    sum.threshold_at_rate /= n;
    sum.detected_at_rate /= n;
    sum.detected_at_threshold /= n;
    sum.clean_alarm_rate /= n;
  };
  for (std::size_t k = 0; k < mean.kinds.size(); ++k) {
    KindResult& m = mean.kinds[k];
    for (std::size_t r = 1; r < reports.size(); ++r) {
      const KindResult& other = reports[r].kinds.at(k);
      m.events += other.events;
      m.clean_windows += other.clean_windows;
      m.clean_hops += other.clean_hops;
      add(m.instant, other.instant);
      add(m.smoothed, other.smoothed);
      m.outcomes.insert(m.outcomes.end(), other.outcomes.begin(), other.outcomes.end());
    }
    divide(m.instant);
    divide(m.smoothed);
  }
  return mean;
}

}  // namespace shapewatch::tool
