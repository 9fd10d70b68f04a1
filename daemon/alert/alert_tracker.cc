#include "daemon/alert/alert_tracker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shapewatch {
namespace {

constexpr double kMaxHoldSeconds = 1e7;

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string Summary(const std::string& series, double seconds, double score, double error) {
  return "series " + series + " has shapes unlike its history for " + Number(seconds) +
         "s (score " + Number(score) + ", reconstruction error " + Number(error) + ")";
}

}  // namespace

AlertTracker::AlertTracker(const AlertingConfig& config, AlertQueue& queue, AlertMetrics& metrics,
                           AlertClock clock)
    : config_(config), queue_(queue), metrics_(metrics), clock_(std::move(clock)) {}

void AlertTracker::OnHop(const std::string& series, const ScoredHop& hop, double timestamp) {
  std::lock_guard lock(mutex_);
  const Moment now = Now();
  Series& s = series_[series];
  const Instant hold = s.RecordHop(timestamp);
  if (s.episode && Ended(*s.episode, now.at)) {
    End(series, *s.episode, now);
    s.episode.reset();
  }
  if (hop.anomalous && !s.episode) {
    s.episode.emplace(now, config_.recovery);
  }
  if (!s.episode) return;
  Episode& e = *s.episode;
  e.hops.Add(now.at, hop.anomalous);
  if (hop.anomalous) {
    if (e.latest_anomalous) {
      e.previous_anomalous = e.latest_anomalous;
      e.consecutive = !e.normal_since_anomalous;
    }
    e.latest_anomalous = now.at;
    e.normal_since_anomalous = false;
    e.anomalous_until = now.at + hold;
    e.score = hop.score;
    e.error = hop.hop != nullptr ? hop.hop->rms_error : 0.0;
  } else {
    e.anomalous_until = std::min(e.anomalous_until, now.at);
    e.normal_since_anomalous = true;
  }
  Advance(series, e, now);
}

void AlertTracker::Tick() {
  std::lock_guard lock(mutex_);
  const Moment now = Now();
  for (auto& [series, s] : series_) {
    if (!s.episode) continue;
    if (Ended(*s.episode, now.at)) {
      End(series, *s.episode, now);
      s.episode.reset();
    } else {
      Advance(series, *s.episode, now);
    }
  }
}

void AlertTracker::Reconfigure(const AlertingConfig& config,
                               const std::function<void()>& switch_sender) {
  std::lock_guard lock(mutex_);
  const Moment now = Now();
  const bool relabelled = config.labels != config_.labels;
  const bool moved = config.alertmanagers != config_.alertmanagers;
  for (auto& [series, s] : series_) {
    if (!s.episode) continue;
    Episode& e = *s.episode;
    // The hop counts start again on the new span.
    if (config.recovery != config_.recovery) e.hops = HopShareWindow(config.recovery);
    if (!e.firing) continue;
    if (relabelled) Send(series, e, now, true);
    if (relabelled || moved) e.last_sent.reset();  // re-sent on the next hop or Tick
  }
  switch_sender();
  config_ = config;
}

std::chrono::milliseconds AlertTracker::TickInterval() const {
  std::lock_guard lock(mutex_);
  const auto shortest = std::min(config_.recovery, config_.resend_interval) / 4;
  return std::clamp<std::chrono::milliseconds>(shortest, std::chrono::milliseconds(50),
                                               std::chrono::seconds(1));
}

std::size_t AlertTracker::firing() const {
  std::lock_guard lock(mutex_);
  return firing_;
}

AlertTracker::Moment AlertTracker::Now() {
  const AlertTime wall = clock_();
  if (last_wall_ && wall > *last_wall_) elapsed_ += wall - *last_wall_;
  last_wall_ = wall;
  return {wall, elapsed_};
}

AlertTracker::Instant AlertTracker::Series::RecordHop(double timestamp) {
  if (std::isfinite(timestamp)) {
    if (timestamped && timestamp > last_timestamp) {
      previous_interval = interval;
      interval = timestamp - last_timestamp;
    }
    if (!timestamped || timestamp > last_timestamp) last_timestamp = timestamp;
    timestamped = true;
  }
  if (interval <= 0 || previous_interval <= 0) return {};
  // Capped (at 115 days) to stay in range of Instant whatever the timestamps.
  return std::chrono::duration_cast<Instant>(
      std::chrono::duration<double>(std::min({interval, previous_interval, kMaxHoldSeconds})));
}

bool AlertTracker::Ended(const Episode& e, Instant now) const {
  if (now < e.anomalous_until) return false;
  if (now - e.anomalous_until >= config_.recovery) return true;
  const HopShareWindow::Count recent = e.hops.In(now, config_.recovery);
  return recent.hops >= kSparseShare && recent.anomalous * kSparseShare < recent.hops;
}

AlertTracker::Instant AlertTracker::HeldFor(const Episode& e, Instant now) {
  return std::min(now, e.anomalous_until) - e.started;
}

bool AlertTracker::Confirmed(const Episode& e, Instant now) const {
  if (config_.for_duration.count() == 0) return true;
  if (!e.previous_anomalous) return false;
  return e.consecutive || *e.previous_anomalous > now - config_.for_duration;
}

void AlertTracker::Advance(const std::string& series, Episode& e, const Moment& now) {
  if (!e.firing) {
    if (HeldFor(e, now.at) < config_.for_duration || !Confirmed(e, now.at)) return;
    e.firing = true;
    metrics_.firing.Set(static_cast<double>(++firing_));
    Send(series, e, now, false);
  } else if (!e.last_sent || now.at - *e.last_sent >= config_.resend_interval) {
    Send(series, e, now, false);
  }
}

void AlertTracker::End(const std::string& series, Episode& e, const Moment& now) {
  if (!e.firing) return;
  metrics_.firing.Set(static_cast<double>(--firing_));
  Send(series, e, now, true);
}

void AlertTracker::Send(const std::string& series, Episode& e, const Moment& now, bool resolved) {
  Alert alert;
  alert.key = series;
  alert.labels = config_.labels;
  alert.labels["alertname"] = kAlertName;
  alert.labels["series"] = series;
  const double seconds = std::chrono::duration<double>(HeldFor(e, now.at)).count();
  alert.annotations = {{"score", Number(e.score)},
                       {"reconstruction_error", Number(e.error)},
                       {"summary", Summary(series, seconds, e.score, e.error)}};
  // Never after endsAt (Alertmanager rejects that), even with a clock stepped back.
  alert.starts_at = std::min(e.started_wall, now.wall);
  alert.ends_at = resolved ? now.wall : now.wall + 4 * config_.resend_interval;
  alert.resolved = resolved;
  e.last_sent = now.at;
  queue_.Push(std::move(alert));
}

}  // namespace shapewatch
