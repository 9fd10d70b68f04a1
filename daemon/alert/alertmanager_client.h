// AlertmanagerClient: delivers alerts to one Alertmanager. One POST at a
// time carries everything pending (up to a batch limit); connection errors,
// timeouts and 5xx are retried with exponential backoff, keeping the latest
// alert per series until it is delivered; a 4xx drops the batch (counted).
// A failure is logged once, and again when delivery works. Not thread-safe:
// every call, and every handler, runs on the io_context's one thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <utility>  // before Asio: Boost 1.74 misses it under C++20

#include "config/alerting_config.h"
#include "daemon/alert/alert.h"
#include "daemon/alert/alert_metrics.h"
#include "daemon/alert/pending_alerts.h"
#include "daemon/ingest/ingest_target.h"

namespace shapewatch {

struct AlertmanagerClientOptions {
  HttpUrl url;
  std::string authorization;  // the Authorization header; empty: none
  std::chrono::milliseconds timeout{10000};
  std::size_t capacity = 1024;  // pending alerts
  std::chrono::milliseconds first_backoff{250};
  std::chrono::milliseconds max_backoff{30000};
  bool operator==(const AlertmanagerClientOptions&) const = default;
};

class AlertmanagerClient {
 public:
  AlertmanagerClient(boost::asio::io_context& io, AlertmanagerClientOptions options,
                     AlertMetrics& metrics, LogSink log);

  void Add(Alert alert);
  // Sends what is pending unless a POST is under way or a retry is waiting.
  void Flush();
  // No more retries: one last attempt with what is pending, then quiet.
  void Stop();
  // Nothing of this client is waiting on the io_context (no POST under way,
  // no retry timer armed): after Stop, it may be destroyed.
  bool Idle() const { return !in_flight_ && !timer_armed_; }

  const AlertmanagerClientOptions& options() const { return options_; }

 private:
  void Send();
  void OnDone(const boost::system::error_code& ec, unsigned status,
              const std::vector<PendingAlerts::Ticket>& tickets);
  void Delivered(const std::vector<PendingAlerts::Ticket>& tickets, bool accepted);
  void Retry(const std::string& why);

  boost::asio::io_context& io_;
  const AlertmanagerClientOptions options_;
  AlertMetrics& metrics_;
  const LogSink log_;
  PendingAlerts pending_;
  boost::asio::steady_timer retry_timer_;
  std::chrono::milliseconds backoff_;
  bool in_flight_ = false;
  bool waiting_ = false;      // for retry_timer_
  bool timer_armed_ = false;  // its handler has not run yet (even if cancelled)
  bool failing_ = false;      // the failure was logged
  bool stopped_ = false;
};

}  // namespace shapewatch
