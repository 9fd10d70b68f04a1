#include "daemon/detect/detector_loop.h"

#include <chrono>
#include <cmath>

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
  const bool keeps = rule.model_file.empty() ? AssignLearnedModel(r, rule)
                                             : AssignConfiguredModel(r, rule);
  if (keeps && r.detector) r.detector->set_options(rule.detector);
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
  return m.params.segment_len == want.segment_len && m.params.hop == want.hop &&
         m.params.window == want.window && m.params.normalization == want.normalization &&
         m.training.clusters_requested == rule.train.kmeans.clusters;
}
}  // namespace

bool DetectorLoop::AssignLearnedModel(SeriesRecord& r, const SeriesRule& rule) {
  if (r.state == SeriesState::kScoring && r.model_source == "learned" &&
      Compatible(r.detector->model(), rule)) {
    return true;
  }
  if (r.state == SeriesState::kLearning || r.state == SeriesState::kTraining) return false;
  if (auto learned = store_.LoadLearned(r.name)) {
    if (learned->ok() && Compatible(***learned, rule)) {
      log_.Info("series " + r.name + ": using the model learned earlier, " +
                store_.PathFor(r.name));
      StartScoring(r, **learned, "learned");
      return true;
    }
    log_.Warning("series " + r.name + ": not using " + store_.PathFor(r.name) + ": " +
                 (learned->ok() ? std::string("its parameters differ from the rule")
                                : learned->error()) +
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
  r.detector = std::make_unique<SeriesDetector>(std::move(model),
                                                config_.rules[r.rule].detector);
  r.model_source = std::move(source);
  SetState(r, SeriesState::kScoring);
  std::vector<double> backlog;
  backlog.swap(r.buffer);
  for (double v : backlog) Score(r, v, r.last_timestamp);
  if (r.backlog_overflowed) r.detector->Reset();
  r.backlog_overflowed = false;
}

void DetectorLoop::ApplyFinishedTrainings() {
  for (TrainingOutcome& o : trainer_.TakeFinished()) {
    if (o.series >= series_.size() || !series_[o.series]) continue;
    SeriesRecord& r = *series_[o.series];
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
    case SeriesState::kScoring: Score(r, s.value, s.timestamp); break;
    case SeriesState::kLearning:
    case SeriesState::kTraining: Learn(s.series, r, s.value); break;
    case SeriesState::kFailed:
    case SeriesState::kUnmatched: break;
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
    metrics_.stream_restarts.Increment();
    if (++r.gap_streak >= 3) r.interval = dt;  // the series' rate has changed
  } else if (dt > 0.0 && std::isfinite(dt)) {
    r.gap_streak = 0;
    r.interval = r.interval == 0.0 ? dt : 0.95 * r.interval + 0.05 * dt;
  }
  r.last_timestamp = timestamp;
  return true;
}

void DetectorLoop::Learn(std::uint32_t id, SeriesRecord& r, double value) {
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
  TrainingJob job{id, r.name, std::move(r.buffer), rule.train};
  r.buffer = {};
  trainer_.Submit(std::move(job));
  SetState(r, SeriesState::kTraining);
}

void DetectorLoop::Score(SeriesRecord& r, double value, double timestamp) {
  const ScoredHop* hop = r.detector->Push(value);
  if (!hop) return;
  ++batch_hops_;
  r.metrics.score->Set(hop->score);
  r.metrics.error->Set(hop->hop->rms_error);
  r.metrics.anomalous->Set(hop->anomalous ? 1.0 : 0.0);
  if (hop->anomalous) r.metrics.anomalous_hops->Increment();
  for (HopObserver* o : observers_) o->OnHop(r.name, *hop, timestamp);
}

}  // namespace shapewatch
