#include "daemon/alert/alert_tracker.h"

#include <algorithm>
#include <cstdio>

namespace shapewatch {
namespace {

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
  (void)timestamp;
  const AlertTime now = clock_();
  std::lock_guard lock(mutex_);
  auto it = episodes_.find(series);
  if (it != episodes_.end() && Expired(it->second, now)) {
    End(series, it->second, now);
    episodes_.erase(it);
    it = episodes_.end();
  }
  if (hop.anomalous) {
    if (it == episodes_.end()) it = episodes_.emplace(series, Episode{now, now, now}).first;
    it->second.last_anomaly = now;
    it->second.score = hop.score;
    it->second.error = hop.hop != nullptr ? hop.hop->rms_error : 0.0;
  }
  if (it != episodes_.end()) Advance(series, it->second, now);
}

void AlertTracker::Tick() {
  const AlertTime now = clock_();
  std::lock_guard lock(mutex_);
  for (auto it = episodes_.begin(); it != episodes_.end();) {
    if (Expired(it->second, now)) {
      End(it->first, it->second, now);
      it = episodes_.erase(it);
    } else {
      Advance(it->first, it->second, now);
      ++it;
    }
  }
}

void AlertTracker::Reconfigure(const AlertingConfig& config,
                               const std::function<void()>& switch_sender) {
  const AlertTime now = clock_();
  std::lock_guard lock(mutex_);
  const bool relabelled = config.labels != config_.labels;
  const bool moved = config.alertmanagers != config_.alertmanagers;
  for (auto& [series, episode] : episodes_) {
    if (!episode.firing) continue;
    if (relabelled) Send(series, episode, now, true);
    if (relabelled || moved) episode.last_sent = AlertTime{};  // re-sent on the next hop or Tick
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

bool AlertTracker::Expired(const Episode& e, AlertTime now) const {
  return now - e.last_anomaly >= config_.recovery;
}

void AlertTracker::Advance(const std::string& series, Episode& e, AlertTime now) {
  if (!e.firing && e.last_anomaly - e.started >= config_.for_duration) {
    e.firing = true;
    metrics_.firing.Set(static_cast<double>(++firing_));
    Send(series, e, now, false);
  } else if (e.firing && now - e.last_sent >= config_.resend_interval) {
    Send(series, e, now, false);
  }
}

void AlertTracker::End(const std::string& series, Episode& e, AlertTime now) {
  if (!e.firing) return;
  metrics_.firing.Set(static_cast<double>(--firing_));
  Send(series, e, now, true);
}

void AlertTracker::Send(const std::string& series, Episode& e, AlertTime now, bool resolved) {
  Alert alert;
  alert.key = series;
  alert.labels = config_.labels;
  alert.labels["alertname"] = kAlertName;
  alert.labels["series"] = series;
  const double seconds = std::chrono::duration<double>(e.last_anomaly - e.started).count();
  alert.annotations = {{"score", Number(e.score)},
                       {"reconstruction_error", Number(e.error)},
                       {"summary", Summary(series, seconds, e.score, e.error)}};
  alert.starts_at = e.started;
  alert.ends_at = resolved ? now : now + 4 * config_.resend_interval;
  alert.resolved = resolved;
  e.last_sent = now;
  queue_.Push(std::move(alert));
}

}  // namespace shapewatch
