#include "daemon/alert/alertmanager_sender.h"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "daemon/alert/http_post.h"

namespace shapewatch {
namespace {

AlertmanagerClientOptions ClientOptions(const AlertingConfig& config, const HttpUrl& url) {
  AlertmanagerClientOptions options;
  options.url = url;
  if (!config.username.empty()) {
    options.authorization = BasicAuthorization(config.username, config.password);
  }
  options.timeout = config.timeout;
  options.capacity = config.queue_capacity;
  options.max_backoff = std::clamp<std::chrono::milliseconds>(
      config.resend_interval, std::chrono::seconds(1), std::chrono::seconds(30));
  return options;
}

}  // namespace

AlertmanagerSender::AlertmanagerSender(boost::asio::io_context& io, const AlertingConfig& config,
                                       AlertMetrics& metrics, LogSink log)
    : io_(io),
      metrics_(metrics),
      log_(std::move(log)),
      queue_(config.queue_capacity, metrics, [this] { Wake(); }) {
  std::vector<std::unique_ptr<AlertmanagerClient>> none;
  clients_ = ClientsFor(config, none);
}

std::vector<std::unique_ptr<AlertmanagerClient>> AlertmanagerSender::ClientsFor(
    const AlertingConfig& config, std::vector<std::unique_ptr<AlertmanagerClient>>& previous) {
  std::vector<std::unique_ptr<AlertmanagerClient>> clients;
  for (const HttpUrl& url : config.alertmanagers) {
    const AlertmanagerClientOptions options = ClientOptions(config, url);
    const auto same = std::find_if(previous.begin(), previous.end(), [&](const auto& client) {
      return client && client->options() == options;
    });
    if (same != previous.end()) {
      clients.push_back(std::move(*same));  // keeps what it has pending, retries and all
    } else {
      clients.push_back(std::make_unique<AlertmanagerClient>(io_, options, metrics_, log_));
    }
  }
  return clients;
}

void AlertmanagerSender::Reconfigure(const AlertingConfig& config) {
  Drain();
  std::vector<std::unique_ptr<AlertmanagerClient>> previous = std::move(clients_);
  clients_ = ClientsFor(config, previous);
  for (auto& client : previous) {
    if (!client) continue;
    client->Stop();
    retired_.push_back(std::move(client));
  }
  std::erase_if(retired_, [](const auto& client) { return client->Idle(); });
}

void AlertmanagerSender::Stop() {
  boost::asio::post(io_, [this] {
    Drain();
    for (auto& client : clients_) client->Stop();
  });
}

void AlertmanagerSender::Wake() {
  if (wake_posted_.exchange(true)) return;
  boost::asio::post(io_, [this] {
    wake_posted_ = false;
    Drain();
  });
}

void AlertmanagerSender::Drain() {
  for (Alert& alert : queue_.TakeAll()) {
    for (auto& client : clients_) client->Add(alert);
  }
  for (auto& client : clients_) client->Flush();
  std::erase_if(retired_, [](const auto& client) { return client->Idle(); });
}

}  // namespace shapewatch
