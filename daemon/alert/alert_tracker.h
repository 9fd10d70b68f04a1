// AlertTracker: turns each series' scored hops into alerts with the life of a
// Prometheus alerting rule, and pushes them to an AlertQueue (never blocks).
//
// Per series, an anomaly episode starts with an anomalous hop. An anomalous
// hop holds until the series' next hop, or for at most the shorter of the
// last two intervals between its hops if none comes (a series that goes
// silent does not stay anomalous), so a series whose hops are minutes apart is anomalous for the
// minutes its anomalous hop stands for. The series is pending until the
// episode has held anomalous for `for` (its first anomalous hop to the end
// of its latest), then firing: sent at once and again every resend_interval,
// with endsAt 4 x resend_interval ahead so Alertmanager resolves it if
// shapewatch dies. The episode ends, a firing alert being sent once more,
// resolved, and a pending one forgotten, when the series has been normal for
// `recovery`, or when its anomalous hops have become sparse: fewer than one
// in kSparseShare of at least kSparseShare hops over the last `recovery`. The
// second rule is for series with many hops a second: one threshold's false
// alarms (one hop in 1000 at 0.999) come every few seconds there, and with
// the first rule alone they would chain into an episode that never ends.
//
// The tracker keeps a small entry (the latest hop's time) for every series it
// has seen. All times come from the injected clock (wall time, when the tracker sees a
// hop, not the samples' timestamps). OnHop runs on the detector thread, Tick
// on the io thread (it resolves and resends for series that went quiet);
// thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "config/alerting_config.h"
#include "daemon/alert/alert.h"
#include "daemon/alert/alert_metrics.h"
#include "daemon/alert/alert_queue.h"
#include "daemon/alert/hop_share_window.h"
#include "daemon/detect/hop_observer.h"

namespace shapewatch {

using AlertClock = std::function<AlertTime()>;

inline constexpr char kAlertName[] = "ShapewatchAnomaly";

// An episode whose anomalous hops are fewer than 1 in this many (of at least
// this many hops over `recovery`) has ended.
inline constexpr std::size_t kSparseShare = 50;

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
    AlertTime started;          // the first anomalous hop
    AlertTime anomalous_until;  // when the latest anomalous hop stops holding
    HopShareWindow hops;        // since `started`
    AlertTime last_sent{};      // while firing
    bool firing = false;
    double score = 0;  // of the latest anomalous hop
    double error = 0;
  };
  struct Series {
    // How long a hop arriving now holds: until the next hop is due, the
    // shorter of the last two intervals between hops (not a gap's length).
    AlertTime::duration Hold(AlertTime now);

    std::optional<AlertTime> last_hop;            // arrival of its latest hop
    std::optional<AlertTime::duration> interval;  // between its latest two hops
    std::optional<Episode> episode;
  };

  bool Ended(Episode& e, AlertTime now) const;
  void Advance(const std::string& series, Episode& e, AlertTime now);
  void End(const std::string& series, Episode& e, AlertTime now);
  void Send(const std::string& series, Episode& e, AlertTime now, bool resolved);

  AlertingConfig config_;  // GUARDED_BY(mutex_)
  AlertQueue& queue_;
  AlertMetrics& metrics_;
  const AlertClock clock_;
  mutable std::mutex mutex_;
  std::map<std::string, Series> series_;  // GUARDED_BY(mutex_); every series with a hop
  std::size_t firing_ = 0;                // GUARDED_BY(mutex_)
};

}  // namespace shapewatch
