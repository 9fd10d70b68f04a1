#include "daemon/alert/alert_service.h"

#include <boost/asio/post.hpp>

namespace shapewatch {
namespace {

std::string Urls(const AlertingConfig& config) {
  std::string urls;
  for (const HttpUrl& url : config.alertmanagers) urls.append(" ").append(url.ToString());
  return urls;
}

}  // namespace

AlertService::AlertService(boost::asio::io_context& io, const AlertingConfig& config,
                           prometheus::Registry& registry, LogSink log, AlertClock clock)
    : io_(io),
      log_(log),
      metrics_(registry),
      sender_(io, config, metrics_, log),
      tracker_(config, sender_.queue(), metrics_, std::move(clock)),
      tick_timer_(io) {
  log("info", "alerting: sending alerts to" + Urls(config));
  ScheduleTick();
}

void AlertService::Reconfigure(const AlertingConfig& config) {
  // Resolutions under the old labels are queued, then handed to the old
  // Alertmanagers before any alert of the new configuration can be queued.
  tracker_.Reconfigure(config, [&] { sender_.Reconfigure(config); });
  log_("info", "alerting: reconfigured; sending alerts to" + Urls(config));
}

void AlertService::Stop() {
  boost::asio::post(io_, [this] {
    stopped_ = true;
    tick_timer_.cancel();
    sender_.Stop();
  });
}

void AlertService::ScheduleTick() {
  tick_timer_.expires_after(tracker_.TickInterval());
  tick_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    tracker_.Tick();
    ScheduleTick();
  });
}

}  // namespace shapewatch
