// AlertTracker: turns each series' scored hops into alerts with the life of a
// Prometheus alerting rule, and pushes them to an AlertQueue (never blocks).
//
// Per series, an anomaly episode starts with an anomalous hop. An anomalous
// hop holds until the series' next hop, or at most until that hop is due:
// the shorter of the last two intervals between its hops' sample
// timestamps, from its arrival (so a series that goes silent does not stay
// anomalous, a gap does not stretch the hold, and a slow series' backlog
// arriving at once still holds a hop interval). The series is pending until
// the episode has held anomalous for `for` (from its first anomalous hop to
// the end of its latest's hold) and its latest two anomalous hops were
// consecutive (no normal hop between them) or both arrived within the last
// `for` (`for: 0` fires on the first hop), then firing: sent at once and
// again every resend_interval, with endsAt 4 x resend_interval ahead so
// Alertmanager resolves it if shapewatch dies. Once no anomalous hop holds,
// the episode ends (a firing alert is sent once more, resolved; a pending
// one is forgotten) when the series has been normal for `recovery`, or when
// fewer than 1 in kSparseShare of at least kSparseShare hops over the last
// `recovery` were anomalous.
//
// Why: one threshold's false alarms (a hop in 1000 at 0.999) come every few
// seconds on a series with many hops a second, and without the sparse rule
// they would chain into an episode that never ends. On a series whose hops
// are further apart than `for`, the two-hop rule makes the next hop confirm
// an anomaly instead of one false alarm paging; in between, it keeps two
// false alarms that happen to lie `for` apart from adding up to an anomaly
// that lasted (three within `for` still can).
//
// The tracker keeps an entry per series it has seen (its hop timestamps,
// and the episode while there is one). Durations are measured on the
// injected wall clock with steps back taken as no time passing; startsAt
// and endsAt are wall times (when the tracker sees a hop, not the samples'
// timestamps). OnHop runs on the detector thread, Tick on the io thread (it
// resolves and resends for series that went quiet); thread-safe.
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
  using Instant = HopShareWindow::Instant;  // on the tracker's monotonic scale
  struct Moment {
    AlertTime wall;
    Instant at;
  };
  struct Episode {
    // Opened by an anomalous hop arriving `now` (OnHop records it).
    Episode(const Moment& now, std::chrono::milliseconds recovery)
        : started_wall(now.wall), started(now.at), anomalous_until(now.at), hops(recovery) {}

    AlertTime started_wall;   // startsAt
    Instant started;          // the first anomalous hop
    Instant anomalous_until;  // when the latest anomalous hop stops holding
    // The two latest anomalous hops' arrivals, and whether a normal hop came
    // between them.
    std::optional<Instant> latest_anomalous;
    std::optional<Instant> previous_anomalous;
    bool consecutive = false;
    bool normal_since_anomalous = false;  // since the latest
    HopShareWindow hops;                  // since `started`
    std::optional<Instant> last_sent;     // while firing; none: a send is due
    bool firing = false;
    double score = 0;  // of the latest anomalous hop
    double error = 0;
  };
  struct Series {
    // Notes a hop whose last sample has `timestamp` and returns how long
    // the hop holds: the shorter of the last two nonzero intervals between
    // hop timestamps, 0 until both are known.
    Instant RecordHop(double timestamp);

    double last_timestamp = 0;  // of the latest hop; valid when `timestamped`
    bool timestamped = false;
    double interval = 0, previous_interval = 0;  // seconds; 0: not known yet
    std::optional<Episode> episode;
  };

  Moment Now();  // under mutex_
  bool Ended(const Episode& e, Instant now) const;
  // How long the anomaly has held: its first anomalous hop to `now` or the
  // end of its latest hop's hold, whichever is sooner.
  static Instant HeldFor(const Episode& e, Instant now);
  // Whether the episode's anomaly is more than one false alarm: see above.
  bool Confirmed(const Episode& e, Instant now) const;
  void Advance(const std::string& series, Episode& e, const Moment& now);
  void End(const std::string& series, Episode& e, const Moment& now);
  void Send(const std::string& series, Episode& e, const Moment& now, bool resolved);

  AlertingConfig config_;  // GUARDED_BY(mutex_)
  AlertQueue& queue_;
  AlertMetrics& metrics_;
  const AlertClock clock_;
  mutable std::mutex mutex_;
  std::map<std::string, Series> series_;  // GUARDED_BY(mutex_); every series with a hop
  std::size_t firing_ = 0;                // GUARDED_BY(mutex_)
  std::optional<AlertTime> last_wall_;    // GUARDED_BY(mutex_); the clock's latest reading
  Instant elapsed_{};                     // GUARDED_BY(mutex_); monotonic time since then
};

}  // namespace shapewatch
