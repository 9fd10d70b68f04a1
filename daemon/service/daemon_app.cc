#include "daemon/service/daemon_app.h"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <boost/asio.hpp>
#include <csignal>
#include <memory>
#include <thread>
#include <utility>  // before Asio: Boost 1.74 misses it under C++20

#include "daemon/alert/alert_service.h"
#include "daemon/detect/detector_loop.h"
#include "daemon/detect/detector_metrics.h"
#include "daemon/detect/model_store.h"
#include "daemon/detect/training_worker.h"
#include "daemon/ingest/graphite_tcp_server.h"
#include "daemon/ingest/graphite_udp_server.h"
#include "daemon/ingest/ingest_metrics.h"
#include "daemon/ingest/ingest_target.h"
#include "daemon/ingest/listen_endpoint.h"
#include "daemon/ingest/sample_queue.h"
#include "daemon/ingest/series_directory.h"
#include "daemon/service/blocked_signals.h"
#include "daemon/service/systemd_notifier.h"

namespace shapewatch {
namespace {

namespace asio = boost::asio;

}  // namespace

struct ReloadMetrics {
  explicit ReloadMetrics(prometheus::Registry& r)
      : family(prometheus::BuildCounter()
                   .Name("shapewatch_config_reloads_total")
                   .Help("Configuration reloads on SIGHUP, by result")
                   .Register(r)),
        ok(family.Add({{"result", "ok"}})),
        failed(family.Add({{"result", "failed"}})),
        last_ok(prometheus::BuildGauge()
                    .Name("shapewatch_config_last_reload_successful")
                    .Help("1 if the last configuration reload succeeded (or none was tried)")
                    .Register(r)
                    .Add({})) {
    last_ok.Set(1);
  }
  prometheus::Family<prometheus::Counter>& family;
  prometheus::Counter& ok;
  prometheus::Counter& failed;
  prometheus::Gauge& last_ok;
};

namespace {

void AddBuildInfo(prometheus::Registry& r) {
  prometheus::BuildGauge()
      .Name("shapewatch_build_info")
      .Help("Always 1; the labels say which shapewatch is running")
      .Register(r)
      .Add({{"version", SHAPEWATCH_VERSION}})
      .Set(1);
}

asio::ip::address ResolveHost(const std::string& host) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (!ec) return address;
  if (host == "localhost") return asio::ip::address_v4::loopback();
  return asio::ip::address_v4::any();
}

}  // namespace

DaemonApp::DaemonApp(DaemonConfig config, std::string config_path,
                     std::function<void(DaemonConfig&)> overrides, Logger& log)
    : config_(std::move(config)),
      config_path_(std::move(config_path)),
      overrides_(std::move(overrides)),
      log_(log) {}

int DaemonApp::Run() {
  // Before any thread exists (the exposer's included): see blocked_signals.h.
  BlockedSignals stop_and_reload = BlockedSignals::StopAndReload();
  auto registry = std::make_shared<prometheus::Registry>();
  AddBuildInfo(*registry);
  ReloadMetrics reloads(*registry);
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(config_.metrics.ToString(), 2);
  } catch (const std::exception& e) {
    log_.Error("cannot serve metrics on " + config_.metrics.ToString() + ": " + e.what());
    return 1;
  }
  exposer->RegisterCollectable(registry);
  const auto metrics_ports = exposer->GetListeningPorts();

  ModelStore store(ResolveStateDir(config_.state_dir));
  if (Status s = store.Prepare(); !s.ok()) {
    log_.Error(s.error());
    return 1;
  }
  SampleQueue queue(config_.queue_capacity);
  SeriesDirectory directory(config_.max_series);
  IngestMetrics ingest_metrics(*registry);
  DetectorMetrics detector_metrics(*registry);
  TrainingWorker trainer(store, [&queue] { queue.Wake(); });
  DetectorLoop detector(config_, queue, directory, store, trainer, detector_metrics, log_);

  asio::io_context io;
  IngestTarget target{directory, queue, ingest_metrics, log_.Sink()};
  std::unique_ptr<AlertService> alerts;  // stopped by the detector thread once it drained
  if (config_.alerting.enabled()) {
    alerts = std::make_unique<AlertService>(io, config_.alerting, *registry, log_.Sink());
    detector.AddObserver(&alerts->tracker());
  }
  std::unique_ptr<GraphiteTcpServer> tcp;
  std::unique_ptr<GraphiteUdpServer> udp;
  try {
    tcp = std::make_unique<GraphiteTcpServer>(
        io, ResolveTcpEndpoint(io, config_.graphite_tcp.host, config_.graphite_tcp.port), target,
        config_.max_line_length);
    if (config_.graphite_udp_enabled) {
      udp = std::make_unique<GraphiteUdpServer>(
          io, ResolveUdpEndpoint(io, config_.graphite_udp.host, config_.graphite_udp.port), target,
          config_.max_line_length);
    }
  } catch (const std::exception& e) {
    log_.Error(e.what());
    return 1;
  }

  // systemd notify protocol (no-op outside systemd).
  SystemdNotifier notifier =
      SystemdNotifier::FromEnvironment([this](const std::string& e) { log_.Warning(e); });
  if (notifier.watchdog_interval().count() > 0) {
    detector.SetHeartbeat(notifier.watchdog_interval() / 2, [&notifier] { notifier.Watchdog(); });
  }

  std::thread detector_thread([&detector, &alerts] {
    detector.Run();
    if (alerts) alerts->Stop();
  });
  asio::signal_set signals(io);
  signals.add(SIGINT);
  signals.add(SIGTERM);
  signals.add(SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal;
  on_signal = [&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      notifier.Reloading();
      Reload(detector, alerts.get(), reloads);
      const bool reloaded = reloads.last_ok.Value() == 1;
      notifier.Ready(reloaded ? "configuration reloaded" : "reload failed; configuration kept");
      signals.async_wait(on_signal);
      return;
    }
    log_.Info(std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
              ": no longer accepting; processing what was received");
    notifier.Stopping();
    tcp->Stop([&] {
      auto close_queue = [&queue] { queue.Close(); };
      if (udp)
        udp->Stop(close_queue);
      else
        close_queue();
    });
  };
  signals.async_wait(on_signal);
  stop_and_reload.Unblock();  // this thread, which runs io, alone takes them

  std::string ready = "ready: graphite tcp " + EndpointText(tcp->local_endpoint());
  if (udp) ready += " udp " + EndpointText(udp->local_endpoint());
  ready += " metrics " + EndpointText(ResolveHost(config_.metrics.host),
                                      static_cast<std::uint16_t>(metrics_ports.at(0)));
  ready += " state " + store.state_dir() + " config " + config_.source;
  log_.Info(ready);
  notifier.Ready(ready);

  io.run();
  detector_thread.join();
  trainer.Stop();
  log_.Info("stopped after processing " + std::to_string(detector.processed()) + " samples");
  return 0;
}

void DaemonApp::Reload(DetectorLoop& detector, AlertService* alerts, ReloadMetrics& metrics) {
  if (config_path_.empty()) {
    log_.Info("SIGHUP: running on the built-in default configuration; nothing to reload");
    metrics.ok.Increment();
    return;
  }
  Result<DaemonConfig> loaded = LoadDaemonConfig(config_path_);
  if (!loaded.ok()) {
    log_.Error("SIGHUP: configuration not reloaded, keeping the running one: " + loaded.error());
    metrics.failed.Increment();
    metrics.last_ok.Set(0);
    return;
  }
  DaemonConfig next = std::move(*loaded);
  if (overrides_) overrides_(next);
  if (const std::vector<std::string> kept = RestartOnlyChanges(config_, next); !kept.empty()) {
    std::string keys;
    for (const std::string& key : kept) keys += (keys.empty() ? "" : ", ") + key;
    log_.Warning("SIGHUP: " + keys +
                 " changed; kept as running until a restart. The rest of the new "
                 "configuration applies now");
  }
  next.alerting.queue_capacity = config_.alerting.queue_capacity;  // sized at start-up
  if (alerts != nullptr && next.alerting.enabled() && !(next.alerting == config_.alerting)) {
    alerts->Reconfigure(next.alerting);
    config_.alerting = next.alerting;
  }
  config_.rules = next.rules;
  config_.gap_factor = next.gap_factor;
  config_.source = next.source;
  DaemonConfig applied = config_;
  detector.UpdateConfig(std::move(applied));
  metrics.ok.Increment();
  metrics.last_ok.Set(1);
  log_.Info("SIGHUP: configuration reloaded from " + config_path_ + " (" +
            std::to_string(config_.rules.size()) + " series rules)");
}

}  // namespace shapewatch
