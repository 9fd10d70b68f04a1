// AlertService: alerting as the daemon wires it — the AlertTracker the
// detector feeds, the AlertmanagerSender on the daemon's io_context, and the
// timer that ticks the tracker so quiet series resolve and firing ones are
// re-sent. Construct before the io_context runs; tracker() and Stop() may be
// used from any thread. Destroy before the io_context.
#pragma once

#include <prometheus/registry.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <utility>  // before Asio: Boost 1.74 misses it under C++20

#include "config/alerting_config.h"
#include "daemon/alert/alert_metrics.h"
#include "daemon/alert/alert_tracker.h"
#include "daemon/alert/alertmanager_sender.h"

namespace shapewatch {

class AlertService {
 public:
  AlertService(
      boost::asio::io_context& io, const AlertingConfig& config, prometheus::Registry& registry,
      LogSink log, AlertClock clock = [] { return std::chrono::system_clock::now(); });

  AlertTracker& tracker() { return tracker_; }

  // io thread: a reloaded `alerting:` section (still with Alertmanagers)
  // takes effect; see AlertTracker::Reconfigure and
  // AlertmanagerSender::Reconfigure. Alerts firing under the old labels or
  // Alertmanagers are resolved there and fire again under the new ones.
  void Reconfigure(const AlertingConfig& config);

  // Call after the last OnHop: stops ticking and makes one last delivery
  // attempt (bounded by the timeout), after which io.run() can return.
  // Firing alerts stay firing; Alertmanager ends them at their endsAt.
  void Stop();

 private:
  void ScheduleTick();

  boost::asio::io_context& io_;
  const LogSink log_;
  AlertMetrics metrics_;
  AlertmanagerSender sender_;
  AlertTracker tracker_;
  boost::asio::steady_timer tick_timer_;  // io thread
  bool stopped_ = false;                  // io thread
};

}  // namespace shapewatch
