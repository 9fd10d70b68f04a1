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
  Series& s = series_[series];
  const AlertTime::duration hold = s.Hold(now);
  if (s.episode && Ended(*s.episode, now)) {
    End(series, *s.episode, now);
    s.episode.reset();
  }
  if (hop.anomalous && !s.episode) {
    s.episode.emplace(Episode{now, now, HopShareWindow(config_.recovery)});
  }
  if (!s.episode) return;
  Episode& e = *s.episode;
  e.hops.Add(now, hop.anomalous);
  if (hop.anomalous) {
    e.anomalous_until = now + hold;
    e.score = hop.score;
    e.error = hop.hop != nullptr ? hop.hop->rms_error : 0.0;
  } else {
    e.anomalous_until = std::min(e.anomalous_until, now);
  }
  Advance(series, e, now);
}

void AlertTracker::Tick() {
  const AlertTime now = clock_();
  std::lock_guard lock(mutex_);
  for (auto& [series, s] : series_) {
    if (!s.episode) continue;
    if (Ended(*s.episode, now)) {
      End(series, *s.episode, now);
      s.episode.reset();
    } else {
      Advance(series, *s.episode, now);
    }
  }
}

void AlertTracker::Reconfigure(const AlertingConfig& config,
                               const std::function<void()>& switch_sender) {
  const AlertTime now = clock_();
  std::lock_guard lock(mutex_);
  const bool relabelled = config.labels != config_.labels;
  const bool moved = config.alertmanagers != config_.alertmanagers;
  for (auto& [series, s] : series_) {
    if (!s.episode || !s.episode->firing) continue;
    if (relabelled) Send(series, *s.episode, now, true);
    if (relabelled || moved) s.episode->last_sent = AlertTime{};  // re-sent on the next hop or Tick
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

AlertTime::duration AlertTracker::Series::Hold(AlertTime now) {
  if (!last_hop) {
    last_hop = now;
    return {};
  }
  const AlertTime::duration since = std::max(now - *last_hop, AlertTime::duration{});
  const AlertTime::duration hold = interval ? std::min(*interval, since) : since;
  last_hop = now;
  interval = since;
  return hold;
}

bool AlertTracker::Ended(Episode& e, AlertTime now) const {
  if (now < e.anomalous_until) return false;
  if (now - e.anomalous_until >= config_.recovery) return true;
  const HopShareWindow::Count recent = e.hops.In(now, config_.recovery);
  return recent.hops >= kSparseShare && recent.anomalous * kSparseShare < recent.hops;
}

void AlertTracker::Advance(const std::string& series, Episode& e, AlertTime now) {
  if (!e.firing && std::min(now, e.anomalous_until) - e.started >= config_.for_duration) {
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
  const AlertTime held = resolved ? e.anomalous_until : std::min(now, e.anomalous_until);
  const double seconds = std::chrono::duration<double>(held - e.started).count();
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
