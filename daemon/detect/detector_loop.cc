#include "daemon/detect/detector_loop.h"

#include <chrono>
#include <cmath>

#include "core/model_trainer.h"
#include "core/series_stats.h"

namespace shapewatch {
namespace {
constexpr std::size_t kBatch = 4096;
}  // namespace

DetectorLoop::DetectorLoop(DaemonConfig config, SampleQueue& queue,
                           const SeriesDirectory& directory, ModelStore& store,
                           TrainingWorker& trainer, DetectorMetrics& metrics, Logger& log)
    : config_(std::move(config)),
      queue_(queue),
      directory_(directory),
      store_(store),
      trainer_(trainer),
      metrics_(metrics),
      log_(log) {
  metrics_.queue_capacity.Set(static_cast<double>(queue_.capacity()));
}

void DetectorLoop::Run() {
  std::vector<IngestedSample> batch;
  batch.reserve(kBatch);
  std::chrono::steady_clock::time_point queued_at;
  while (NextBatch(batch, &queued_at)) {
    ApplyPendingConfig();
    ApplyFinishedTrainings();
    const auto start = std::chrono::steady_clock::now();
    if (!batch.empty()) {
      metrics_.lag_seconds.Set(std::chrono::duration<double>(start - queued_at).count());
    }
    batch_hops_ = 0;
    for (const IngestedSample& s : batch) Process(s);
    if (batch_hops_ > 0) {
      const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
      metrics_.hop_seconds.Observe(spent.count() / static_cast<double>(batch_hops_));
    }
    processed_.fetch_add(batch.size());
    metrics_.queue_samples.Set(static_cast<double>(queue_.size()));
  }
  ApplyFinishedTrainings();
}

// With a heartbeat, beats when one is due and waits for samples no longer
// than until the next one.
bool DetectorLoop::NextBatch(std::vector<IngestedSample>& batch,
                             std::chrono::steady_clock::time_point* queued_at) {
  if (!heartbeat_) return queue_.PopBatch(batch, kBatch, queued_at);
  const auto now = std::chrono::steady_clock::now();
  if (now >= next_beat_) {
    heartbeat_();
    next_beat_ = now + heartbeat_every_;
  }
  return queue_.PopBatchFor(batch, kBatch, next_beat_ - now, queued_at);
}

void DetectorLoop::UpdateConfig(DaemonConfig config) {
  {
    std::lock_guard lock(pending_mutex_);
    pending_config_ = std::move(config);
    has_pending_ = true;
  }
  queue_.Wake();
}

void DetectorLoop::ApplyPendingConfig() {
  if (!has_pending_.load()) return;
  {
    std::lock_guard lock(pending_mutex_);
    config_ = std::move(*pending_config_);
    pending_config_.reset();
    has_pending_ = false;
  }
  for (auto& r : series_) {
    if (r) Assign(*r);
  }
}

SeriesRecord& DetectorLoop::Record(std::uint32_t id) {
  if (id >= series_.size()) series_.resize(id + 1);
  if (!series_[id]) {
    auto r = std::make_unique<SeriesRecord>();
    r->id = id;
    r->name = directory_.Name(id);
    r->metrics = metrics_.ForSeries(r->name);
    r->state = SeriesState::kUnmatched;
    metrics_.ChangeState(r->metrics, r->state, r->state, /*is_new=*/true);
    series_[id] = std::move(r);
    Assign(*series_[id]);
  }
  return *series_[id];
}

void DetectorLoop::SetState(SeriesRecord& r, SeriesState to) {
  if (r.state == to) return;
  if (r.state == SeriesState::kScoring) {
    // Not scoring any more: nothing to alert on.
    r.metrics.anomalous->Set(0);
    r.metrics.consecutive_anomalous->Set(0);
    r.next_model.reset();
    r.retraining = false;
  }
  metrics_.ChangeState(r.metrics, r.state, to, /*is_new=*/false);
  r.state = to;
  for (HopObserver* o : observers_) o->OnStateChange(r.name, to);
}

void DetectorLoop::Assign(SeriesRecord& r) {
  std::optional<std::size_t> match;
  for (std::size_t i = 0; i < config_.rules.size() && !match; ++i) {
    if (GlobMatch(config_.rules[i].match, r.name)) match = i;
  }
  if (!match) {
    r.detector.reset();
    r.model_source.clear();
    r.buffer.clear();
    SetState(r, SeriesState::kUnmatched);
    return;
  }
  r.rule = *match;
  const SeriesRule& rule = config_.rules[r.rule];
  const bool keeps =
      rule.model_file.empty() ? AssignLearnedModel(r, rule) : AssignConfiguredModel(r, rule);
  if (keeps && r.detector) {
    r.detector->set_options(rule.detector);
    r.retraining_window.Reconfigure(rule.retrain_interval, rule.train_samples);
  }
}

// Returns true when the series keeps (or got) a detector for this rule.
bool DetectorLoop::AssignConfiguredModel(SeriesRecord& r, const SeriesRule& rule) {
  Result<std::shared_ptr<const Model>> model = store_.LoadConfigured(rule.model_file);
  if (!model.ok()) {
    if (r.state != SeriesState::kFailed) {
      log_.Error("series " + r.name + ": cannot use model " + model.error());
    }
    r.detector.reset();
    r.model_source.clear();
    SetState(r, SeriesState::kFailed);
    return false;
  }
  if (r.detector && r.detector->shared_model() == *model) return true;
  StartScoring(r, *model, rule.model_file);
  return true;
}

namespace {
bool Compatible(const Model& m, const SeriesRule& rule) {
  const ShapeParams& want = rule.train.params;
  const bool same_length = rule.train.auto_segment_len ||
                           (m.params.segment_len == want.segment_len && m.params.hop == want.hop);
  // A model without a fine scale still serves a rule that asks for one: it
  // was learned before the fine scale existed, or its hop has none.
  const bool fine_scale_allowed = rule.train.fine_scale || !m.fine_scale;
  return same_length && fine_scale_allowed && m.params.window == want.window &&
         m.params.normalization == want.normalization &&
         m.training.clusters_requested == rule.train.kmeans.clusters;
}
}  // namespace

bool DetectorLoop::AssignLearnedModel(SeriesRecord& r, const SeriesRule& rule) {
  if (r.state == SeriesState::kScoring && r.model_source == "learned" &&
      Compatible(r.detector->model(), rule)) {
    return true;
  }
  if (r.state == SeriesState::kLearning || r.state == SeriesState::kTraining ||
      r.state == SeriesState::kConstant || r.state == SeriesState::kUnstable) {
    return false;
  }
  if (auto learned = store_.LoadLearned(r.name)) {
    if (learned->ok() && Compatible(***learned, rule)) {
      log_.Info("series " + r.name + ": using the model learned earlier, " +
                store_.PathFor(r.name));
      StartScoring(r, **learned, "learned");
      return true;
    }
    log_.Warning(
        "series " + r.name + ": not using " + store_.PathFor(r.name) + ": " +
        (learned->ok() ? std::string("its parameters differ from the rule") : learned->error()) +
        "; learning again");
  }
  r.detector.reset();
  r.model_source.clear();
  r.buffer.clear();
  SetState(r, SeriesState::kLearning);
  return false;
}

void DetectorLoop::StartScoring(SeriesRecord& r, std::shared_ptr<const Model> model,
                                std::string source) {
  r.detector = std::make_unique<SeriesDetector>(std::move(model), config_.rules[r.rule].detector);
  r.model_source = std::move(source);
  r.raw_tail.clear();
  // A new detector's hops do not continue the old one's run (a reload may
  // swap models while the series scores).
  r.metrics.consecutive_anomalous->Set(0);
  const SeriesRule& rule = config_.rules[r.rule];
  r.retraining_window = RetrainingWindow(rule.retrain_interval, rule.train_samples);
  SetState(r, SeriesState::kScoring);
  std::vector<double> backlog;
  backlog.swap(r.buffer);
  for (double v : backlog) Score(r, v, r.last_timestamp);
  if (r.backlog_overflowed) {
    r.detector->Reset();
    r.retraining_window.MarkBreak();
  }
  r.backlog_overflowed = false;
}

void DetectorLoop::ApplyFinishedTrainings() {
  for (TrainingOutcome& o : trainer_.TakeFinished()) {
    if (o.series >= series_.size() || !series_[o.series]) continue;
    SeriesRecord& r = *series_[o.series];
    if (o.retrain) {
      FinishRetraining(r, o);
      continue;
    }
    if (!o.model) {
      metrics_.trainings_failed.Increment();
      log_.Error("series " + r.name + ": training failed: " + o.error);
      r.buffer.clear();
      SetState(r, SeriesState::kFailed);
      continue;
    }
    metrics_.trainings_ok.Increment();
    if (!o.save_error.empty()) {
      log_.Error("series " + r.name + ": model trained but not saved: " + o.save_error);
    }
    if (r.state != SeriesState::kTraining) continue;  // reassigned meanwhile
    std::string notes;
    for (const std::string& n : o.model->training.notes) notes += "; " + n;
    log_.Info("series " + r.name + ": model learned from " +
              std::to_string(o.model->training.samples) + " samples, " +
              std::to_string(o.model->centroids.rows()) + " shapes" + notes);
    StartScoring(r, o.model, "learned");
  }
}

void DetectorLoop::Process(const IngestedSample& s) {
  SeriesRecord& r = Record(s.series);
  if (!CheckTime(r, s.timestamp)) return;
  r.metrics.samples->Increment();
  switch (r.state) {
    case SeriesState::kScoring:
      Score(r, s.value, s.timestamp);
      break;
    case SeriesState::kLearning:
    case SeriesState::kTraining:
    case SeriesState::kConstant:
    case SeriesState::kUnstable:
      Learn(r, s.value);
      break;
    case SeriesState::kFailed:
    case SeriesState::kUnmatched:
      break;
  }
}

bool DetectorLoop::CheckTime(SeriesRecord& r, double timestamp) {
  if (timestamp < r.last_timestamp) {
    metrics_.out_of_order.Increment();
    return false;
  }
  const double dt = timestamp - r.last_timestamp;
  if (r.interval > 0.0 && dt > config_.gap_factor * r.interval) {
    if (r.detector) r.detector->Reset();
    r.metrics.consecutive_anomalous->Set(0);  // hops after a gap start a new run
    r.retraining_window.MarkBreak();
    r.raw_tail.clear();
    metrics_.stream_restarts.Increment();
    if (++r.gap_streak >= 3) r.interval = dt;  // the series' rate has changed
  } else if (dt > 0.0 && std::isfinite(dt)) {
    r.gap_streak = 0;
    r.interval = r.interval == 0.0 ? dt : 0.95 * r.interval + 0.05 * dt;
  }
  r.last_timestamp = timestamp;
  return true;
}

void DetectorLoop::Learn(SeriesRecord& r, double value) {
  const SeriesRule& rule = config_.rules[r.rule];
  if (r.state == SeriesState::kTraining) {
    if (r.buffer.size() >= rule.train_samples) {
      metrics_.training_backlog.Increment();
      r.backlog_overflowed = true;
      return;
    }
    r.buffer.push_back(value);
    return;
  }
  r.buffer.push_back(value);
  if (r.buffer.size() < rule.train_samples) return;
  if (IsNearlyConstant(r.buffer)) {
    // Nothing to learn; look again at the next stretch.
    if (r.state != SeriesState::kConstant) {
      log_.Info("series " + r.name + ": constant over " + std::to_string(r.buffer.size()) +
                " samples; not modelled until it varies");
    }
    r.buffer.clear();
    SetState(r, SeriesState::kConstant);
    return;
  }
  SubmitTraining(r, rule);
}

void DetectorLoop::SubmitTraining(SeriesRecord& r, const SeriesRule& rule) {
  TrainingJob job{r.id, r.name, std::move(r.buffer), rule.train, /*retrain=*/false, {}};
  r.buffer = {};
  trainer_.Submit(std::move(job));
  SetState(r, SeriesState::kTraining);
}

void DetectorLoop::Score(SeriesRecord& r, double value, double timestamp) {
  r.raw_tail.push_back(value);
  if (r.raw_tail.size() > 2 * r.detector->model().params.segment_len) r.raw_tail.pop_front();
  const ScoredHop* hop = r.detector->Push(value);
  if (!hop) return;
  ++batch_hops_;
  ExportHop(r, *hop, timestamp);
  AfterHop(r, *hop);
}

void DetectorLoop::ExportHop(SeriesRecord& r, const ScoredHop& hop, double timestamp) {
  r.metrics.score->Set(hop.score);
  r.metrics.smoothed->Set(hop.smoothed_score);
  r.metrics.error->Set(hop.hop->rms_error);
  r.metrics.anomalous->Set(hop.anomalous ? 1.0 : 0.0);
  if (hop.anomalous) {
    r.metrics.consecutive_anomalous->Increment();
    r.metrics.anomalous_hops->Increment();
  } else {
    r.metrics.consecutive_anomalous->Set(0);
  }
  r.metrics.hops->Increment();
  for (HopObserver* o : observers_) o->OnHop(r.name, hop, timestamp);
}

// After every hop: instability, retraining, and swapping in a retrained
// model — always at a hop boundary.
void DetectorLoop::AfterHop(SeriesRecord& r, const ScoredHop& hop) {
  if (r.detector->unstable()) {
    BecomeUnstable(r);
    return;
  }
  if (r.model_source != "learned") return;
  r.retraining_window.Record(hop);
  if (r.next_model) SwapInRetrainedModel(r);
  MaybeRetrain(r);
}

void DetectorLoop::BecomeUnstable(SeriesRecord& r) {
  log_.Warning("series " + r.name + ": flagged on " +
               std::to_string(static_cast<int>(100 * r.detector->flagged_share())) +
               "% of recent hops; marked unstable, learning it again");
  r.detector.reset();
  r.model_source.clear();
  r.buffer.clear();
  r.retraining_window.Clear();
  r.raw_tail.clear();
  SetState(r, SeriesState::kUnstable);
}

void DetectorLoop::MaybeRetrain(SeriesRecord& r) {
  if (r.retraining || r.next_model || !r.retraining_window.due()) return;
  TrainingSet set = r.retraining_window.Take();
  TrainOptions options = RetrainOptions(config_.rules[r.rule].train, r.detector->model().params);
  if (!HasEnoughClearSegments(set.excluded, options)) {
    // Mostly flagged: nothing normal enough to learn; the next window may be.
    metrics_.retrainings_skipped.Increment();
    log_.Info("series " + r.name +
              ": retraining skipped, too many recent hops flagged; keeping the current model");
    return;
  }
  TrainingJob job{r.id,
                  r.name,
                  std::move(set.samples),
                  std::move(options),
                  /*retrain=*/true,
                  std::move(set.excluded)};
  trainer_.Submit(std::move(job));
  r.retraining = true;
}

void DetectorLoop::FinishRetraining(SeriesRecord& r, TrainingOutcome& o) {
  r.retraining = false;
  if (!o.model) {
    metrics_.trainings_failed.Increment();
    log_.Warning("series " + r.name + ": retraining failed, keeping the current model: " + o.error);
    return;
  }
  metrics_.trainings_ok.Increment();
  if (!o.save_error.empty()) {
    log_.Error("series " + r.name +
               ": retrained model not saved, keeping the current one: " + o.save_error);
    return;
  }
  if (r.state == SeriesState::kScoring && r.model_source == "learned") r.next_model = o.model;
}

// The new detector is primed with the latest raw samples so that its next
// hop is exactly the one the old detector would have produced next.
void DetectorLoop::SwapInRetrainedModel(SeriesRecord& r) {
  auto next =
      std::make_unique<SeriesDetector>(std::move(r.next_model), config_.rules[r.rule].detector);
  r.next_model.reset();
  const std::size_t warm = std::min(r.raw_tail.size(), PrimingSamples(next->model().params));
  for (auto it = r.raw_tail.end() - static_cast<std::ptrdiff_t>(warm); it != r.raw_tail.end();
       ++it) {
    next->Push(*it);
  }
  r.detector = std::move(next);
  metrics_.retrainings.Increment();
  log_.Info("series " + r.name +
            ": retrained on recent data (flagged hops left out); new model in use");
}

}  // namespace shapewatch
