#include "daemon/alert/alertmanager_client.h"

#include <algorithm>

#include "daemon/alert/http_post.h"

namespace shapewatch {
namespace {

constexpr std::size_t kMaxBatch = 256;

bool Retryable(unsigned status) { return status >= 500 || status == 408 || status == 429; }

}  // namespace

AlertmanagerClient::AlertmanagerClient(boost::asio::io_context& io,
                                       AlertmanagerClientOptions options, AlertMetrics& metrics,
                                       LogSink log)
    : io_(io),
      options_(std::move(options)),
      metrics_(metrics),
      log_(std::move(log)),
      pending_(options_.capacity),
      retry_timer_(io),
      backoff_(options_.first_backoff) {}

void AlertmanagerClient::Add(Alert alert) {
  if (!pending_.Put(std::move(alert))) metrics_.dropped.Increment();
}

void AlertmanagerClient::Flush() {
  if (in_flight_ || waiting_ || pending_.empty()) return;
  Send();
}

void AlertmanagerClient::Stop() {
  stopped_ = true;
  waiting_ = false;
  retry_timer_.cancel();
  Flush();
}

void AlertmanagerClient::Send() {
  std::vector<PendingAlerts::Ticket> tickets;
  const std::vector<Alert> batch = pending_.Batch(kMaxBatch, tickets);
  HttpPostRequest request;
  request.host = options_.url.host;
  request.port = options_.url.port;
  request.target = options_.url.path + "/api/v2/alerts";
  request.body = AlertsToJson(batch);
  request.authorization = options_.authorization;
  request.timeout = options_.timeout;
  in_flight_ = true;
  StartHttpPost(
      io_, std::move(request),
      [this, tickets = std::move(tickets)](const boost::system::error_code& ec, unsigned status) {
        OnDone(ec, status, tickets);
      });
}

void AlertmanagerClient::OnDone(const boost::system::error_code& ec, unsigned status,
                                const std::vector<PendingAlerts::Ticket>& tickets) {
  in_flight_ = false;
  if (ec) return Retry(ec.message());
  if (Retryable(status)) return Retry("HTTP " + std::to_string(status));
  const bool accepted = status >= 200 && status < 300;
  if (!accepted) {
    log_("warning", "alertmanager " + options_.url.ToString() + " rejected " +
                        std::to_string(tickets.size()) + " alerts: HTTP " + std::to_string(status));
  }
  Delivered(tickets, accepted);
  Flush();
}

void AlertmanagerClient::Delivered(const std::vector<PendingAlerts::Ticket>& tickets,
                                   bool accepted) {
  const double n = static_cast<double>(tickets.size());
  (accepted ? metrics_.sent_ok : metrics_.sent_rejected).Increment(n);
  pending_.Delivered(tickets);
  backoff_ = options_.first_backoff;
  if (failing_) log_("info", "alertmanager " + options_.url.ToString() + " reachable again");
  failing_ = false;
}

void AlertmanagerClient::Retry(const std::string& why) {
  metrics_.send_failures.Increment();
  if (!failing_) {
    log_("warning", "cannot send alerts to alertmanager " + options_.url.ToString() + ": " + why +
                        (stopped_ ? "" : "; retrying with backoff"));
  }
  failing_ = true;
  if (stopped_) return;
  waiting_ = true;
  retry_timer_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, options_.max_backoff);
  timer_armed_ = true;
  retry_timer_.async_wait([this](const boost::system::error_code& ec) {
    timer_armed_ = false;
    if (ec || stopped_) return;
    waiting_ = false;
    Flush();
  });
}

}  // namespace shapewatch
