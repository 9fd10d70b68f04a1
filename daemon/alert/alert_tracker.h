// AlertTracker: turns each series' scored hops into alerts with the life of a
// Prometheus alerting rule, and pushes them to an AlertQueue (never blocks).
//
// Per series, an anomaly episode starts with an anomalous hop and continues
// while each further anomalous hop comes less than `recovery` after the
// previous one; normal hops in between do not end it. The series is pending
// until the episode's anomalous hops span at least `for` (first to latest),
// then firing: sent at once and again every resend_interval, with endsAt
// 4 x resend_interval ahead so Alertmanager resolves it if shapewatch dies.
// When `recovery` passes without an anomalous hop the episode ends: a firing
// alert is sent once more, resolved; a pending one is forgotten.
//
// All times come from the injected clock (wall time, when the tracker sees a
// hop, not the samples' timestamps). OnHop runs on the detector thread, Tick
// on the io thread (it resolves and resends for series that went quiet);
// thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "config/alerting_config.h"
#include "daemon/alert/alert.h"
#include "daemon/alert/alert_metrics.h"
#include "daemon/alert/alert_queue.h"
#include "daemon/detect/hop_observer.h"

namespace shapewatch {

using AlertClock = std::function<AlertTime()>;

inline constexpr char kAlertName[] = "ShapewatchAnomaly";

class AlertTracker : public HopObserver {
 public:
  AlertTracker(const AlertingConfig& config, AlertQueue& queue, AlertMetrics& metrics,
               AlertClock clock);

  void OnHop(const std::string& series, const ScoredHop& hop, double timestamp) override;
  void Tick();

  // Applies a reloaded configuration: `for`, `recovery` and the resend
  // interval to what comes next. When the labels change, every firing alert
  // is first sent resolved under its old labels, and sent again with the new
  // ones on the next hop or Tick; when only the Alertmanagers change, firing
  // alerts are re-sent then too (to reach the new ones). `switch_sender` runs
  // after the resolutions are queued and before anything else can be, under
  // the tracker's lock: the sender hands them to the old Alertmanagers there.
  void Reconfigure(const AlertingConfig& config, const std::function<void()>& switch_sender);

  // How often Tick should run for resends and resolutions to be on time.
  std::chrono::milliseconds TickInterval() const;

  std::size_t firing() const;

 private:
  struct Episode {
    AlertTime started;
    AlertTime last_anomaly;
    AlertTime last_sent;  // while firing
    bool firing = false;
    double score = 0;  // of the latest anomalous hop
    double error = 0;
  };

  bool Expired(const Episode& e, AlertTime now) const;
  void Advance(const std::string& series, Episode& e, AlertTime now);
  void End(const std::string& series, Episode& e, AlertTime now);
  void Send(const std::string& series, Episode& e, AlertTime now, bool resolved);

  AlertingConfig config_;  // GUARDED_BY(mutex_)
  AlertQueue& queue_;
  AlertMetrics& metrics_;
  const AlertClock clock_;
  mutable std::mutex mutex_;
  std::map<std::string, Episode> episodes_;  // GUARDED_BY(mutex_); pending and firing
  std::size_t firing_ = 0;                   // GUARDED_BY(mutex_)
};

}  // namespace shapewatch
