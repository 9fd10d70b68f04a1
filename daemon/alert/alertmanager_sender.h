// AlertmanagerSender: takes alerts from its AlertQueue and hands each to an
// AlertmanagerClient per configured Alertmanager, on the io_context's thread.
// queue() and Stop() may be used from any thread; everything else runs on
// the io thread. The io_context must outlive the sender.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <utility>  // before Asio: Boost 1.74 misses it under C++20
#include <vector>

#include "config/alerting_config.h"
#include "daemon/alert/alert_queue.h"
#include "daemon/alert/alertmanager_client.h"

namespace shapewatch {

class AlertmanagerSender {
 public:
  AlertmanagerSender(boost::asio::io_context& io, const AlertingConfig& config,
                     AlertMetrics& metrics, LogSink log);

  AlertQueue& queue() { return queue_; }

  // Delivers what is queued with one last attempt per Alertmanager, then
  // leaves the io_context with nothing to do.
  void Stop();

  // io thread: hands what is queued to the current Alertmanagers and sends
  // from now on to config's, with its credentials and timeout. A client
  // whose URL and options are unchanged is kept, with what it has pending
  // and its retries; the others are stopped (one last attempt each) and
  // destroyed once idle.
  void Reconfigure(const AlertingConfig& config);

 private:
  void Wake();
  void Drain();
  // Clients for config's Alertmanagers; one whose options are unchanged is
  // taken over from `previous` (its slot there left null).
  std::vector<std::unique_ptr<AlertmanagerClient>> ClientsFor(
      const AlertingConfig& config, std::vector<std::unique_ptr<AlertmanagerClient>>& previous);

  boost::asio::io_context& io_;
  AlertMetrics& metrics_;
  const LogSink log_;
  AlertQueue queue_;
  std::vector<std::unique_ptr<AlertmanagerClient>> clients_;  // io thread
  std::vector<std::unique_ptr<AlertmanagerClient>> retired_;  // io thread; stopped, not yet idle
  std::atomic<bool> wake_posted_{false};
};

}  // namespace shapewatch
