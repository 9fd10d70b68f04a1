// shapewatchd sends its alerts to a real Alertmanager on loopback: an
// anomaly fires with the right labels, resolves once the series is normal
// again, and an Alertmanager outage neither stops ingest and scoring nor
// loses the alert, which is delivered once Alertmanager is back.
#include <gtest/gtest.h>

#include <csignal>
#include <memory>
#include <nlohmann/json.hpp>

#include "tests/integration/support/child_process.h"
#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const char kAlertmanager[] = "/usr/bin/prometheus-alertmanager";

// resend_interval 10s puts a firing alert's endsAt 40 s ahead, so an alert
// that leaves Alertmanager's active list sooner was resolved by shapewatch.
std::string DaemonConfig(int am_port, const std::string& team = "monitoring") {
  return R"(
series:
  - match: "*"
    train_samples: 4096
    n_init: 2
    clusters: 50
alerting:
  alertmanagers: ["http://127.0.0.1:)" +
         std::to_string(am_port) + R"("]
  labels: {team: )" +
         team + R"(, env: test}
  for: 1s
  recovery: 2s
  resend_interval: 10s
  timeout: 2s
)";
}

// The real Alertmanager on 127.0.0.1:port, clustering off, a null receiver.
class RealAlertmanager {
 public:
  RealAlertmanager(const TempDir& dir, int port) : dir_(dir), port_(port) {
    dir.Write("alertmanager.yml", "route:\n  receiver: \"null\"\nreceivers:\n  - name: \"null\"\n");
  }
  bool Start() {
    process_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        kAlertmanager, "--config.file=" + dir_.File("alertmanager.yml"),
        "--storage.path=" + dir_.File("am-data"),
        "--web.listen-address=127.0.0.1:" + std::to_string(port_), "--cluster.listen-address="});
    return Eventually(
        [&] {
          auto r = HttpGet("127.0.0.1", port_, "/-/ready");
          return r && r->status == 200;
        },
        30s, 100ms);
  }
  void Stop() {
    process_->Signal(SIGTERM);
    process_->WaitExit(10s);
  }
  std::string Output() const { return process_ ? process_->Output() : ""; }

  // The active ShapewatchAnomaly alert of `series`, if Alertmanager has one.
  std::optional<json> ActiveAlert(const std::string& series) const {
    auto r = HttpGet("127.0.0.1", port_, "/api/v2/alerts");
    if (!r || r->status != 200) return std::nullopt;
    for (const json& a : json::parse(r->body, nullptr, false)) {
      if (a["labels"].value("alertname", "") == "ShapewatchAnomaly" &&
          a["labels"].value("series", "") == series && a["status"]["state"] == "active") {
        return a;
      }
    }
    return std::nullopt;
  }

 private:
  const TempDir& dir_;
  const int port_;
  std::unique_ptr<ChildProcess> process_;
};

// Streams the ECG recording into the daemon as series "ecg", chunk by chunk.
class EcgFeed {
 public:
  explicit EcgFeed(DaemonUnderTest& daemon) : daemon_(daemon), ecg_(LoadEcg()) {}

  // The next `n` samples; with `spike`, three samples in the middle get a
  // bump larger than any before, so the hop is always unlike the history.
  bool Push(std::size_t n, bool spike = false) {
    std::vector<double> values(ecg_.begin(), ecg_.begin() + static_cast<long>(next_ + n));
    if (spike) {
      const double bump = 1500.0 + 200.0 * static_cast<double>(spikes_++);
      for (std::size_t i = next_ + n / 2; i < next_ + n / 2 + 3; ++i) values[i] += bump;
    }
    const bool sent = daemon_.SendTcp(GraphiteLines("ecg", values, next_, next_ + n, 1.7e9, 0.002));
    next_ += n;
    return sent;
  }
  // Waits until the daemon has processed everything pushed.
  bool WaitProcessed() const {
    return daemon_.WaitForMetric("shapewatch_series_samples_total{series=\"ecg\"}",
                                 static_cast<double>(next_));
  }

 private:
  DaemonUnderTest& daemon_;
  const std::vector<double> ecg_;
  std::size_t next_ = 0;
  int spikes_ = 0;
};

double MetricOr0(const DaemonUnderTest& daemon, const std::string& key) {
  return Metric(daemon.Scrape(), key).value_or(0.0);
}

TEST(AlertmanagerEndToEnd, FiresResolvesAndSurvivesAnOutage) {
  TempDir dir;
  const int am_port = FreeTcpPort();
  RealAlertmanager am(dir, am_port);
  ASSERT_TRUE(am.Start()) << am.Output();
  DaemonUnderTest daemon(dir, DaemonConfig(am_port));
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  EcgFeed feed(daemon);

  // Learn, then score a clean stretch: no alert.
  ASSERT_TRUE(feed.Push(8192));
  ASSERT_TRUE(feed.WaitProcessed());
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_state{series=\"ecg\",state=\"scoring\"}", 1));
  EXPECT_FALSE(am.ActiveAlert("ecg"));

  // Spikes every 300 samples, paced by the polling: the anomaly outlasts `for`.
  ASSERT_TRUE(Eventually([&] { return feed.Push(300, true) && am.ActiveAlert("ecg"); }, 60s, 250ms))
      << daemon.process().Output();
  const json alert = *am.ActiveAlert("ecg");
  // Sending started Asio's resolver thread; it, like every thread but the
  // io thread, must not take the stop and reload signals.
  for (const auto& [tid, mask] : ThreadSignalMasks(daemon.process().pid())) {
    if (tid == daemon.process().pid()) continue;
    EXPECT_TRUE(BlocksStopAndReload(mask)) << "thread " << tid << " " << std::hex << mask;
  }
  EXPECT_EQ(alert["labels"]["team"], "monitoring");
  EXPECT_EQ(alert["labels"]["env"], "test");
  EXPECT_TRUE(alert["annotations"].contains("score"));
  EXPECT_TRUE(alert["annotations"].contains("reconstruction_error"));
  EXPECT_NE(alert["annotations"].value("summary", "").find("ecg"), std::string::npos);
  EXPECT_EQ(MetricOr0(daemon, "shapewatch_alerts_firing"), 1);

  // Normal data for longer than `recovery`: resolved, well before its endsAt.
  ASSERT_TRUE(Eventually([&] { return feed.Push(300) && !am.ActiveAlert("ecg"); }, 20s, 250ms));
  EXPECT_EQ(MetricOr0(daemon, "shapewatch_alerts_firing"), 0);

  // Alertmanager down: ingest and scoring go on, failures are counted.
  am.Stop();
  const double anomalous_before =
      MetricOr0(daemon, "shapewatch_anomalous_hops_total{series=\"ecg\"}");
  ASSERT_TRUE(Eventually(
      [&] {
        return feed.Push(300, true) &&
               MetricOr0(daemon, "shapewatch_alert_send_failures_total") > 0 &&
               MetricOr0(daemon, "shapewatch_alerts_firing") == 1;
      },
      60s, 250ms));
  ASSERT_TRUE(feed.WaitProcessed());
  EXPECT_GT(MetricOr0(daemon, "shapewatch_anomalous_hops_total{series=\"ecg\"}"), anomalous_before);

  // Back on the same port, with no memory of alerts: the firing alert arrives.
  ASSERT_TRUE(am.Start()) << am.Output();
  ASSERT_TRUE(Eventually([&] { return feed.Push(300, true) && am.ActiveAlert("ecg"); }, 60s, 250ms))
      << daemon.process().Output();
  EXPECT_GE(MetricOr0(daemon, "shapewatch_alerts_sent_total{result=\"ok\"}"), 3);
  EXPECT_EQ(daemon.Stop(), 0) << daemon.process().Output();
}

// A metric sent every 10 s, arriving at once (a backfill ending in an
// anomaly): each hop stands for 160 s of the series' own time, so the last
// anomalous hops still hold after the push, and the alert fires after
// `for` with nothing more sent. (Timing holds by arrival alone, as before,
// the anomaly lasted no time and never fired.)
TEST(AlertmanagerEndToEnd, ASlowSeriesFiresWhileItsAnomalousHopsHold) {
  TempDir dir;
  const int am_port = FreeTcpPort();
  RealAlertmanager am(dir, am_port);
  ASSERT_TRUE(am.Start()) << am.Output();
  DaemonUnderTest daemon(dir, DaemonConfig(am_port));
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  // Six hops of it: the backfill ends while they are still flagged (the
  // history learns an anomaly that arrives all at once within a few hops).
  const std::size_t clean = 8192, anomalous = 96;
  const std::vector<double> ecg = LoadEcg();
  std::vector<double> values(ecg.begin(), ecg.begin() + clean + anomalous);
  for (std::size_t i = clean; i < values.size(); ++i) {  // an ever larger oscillation
    values[i] += (i % 2 == 0 ? 1.0 : -1.0) * 500.0 * static_cast<double>(1 + i - clean);
  }
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("slow", values, 0, clean, 1.7e9, 10.0)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"slow\"}", clean));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"slow\",state=\"scoring\"}", 1));
  EXPECT_FALSE(am.ActiveAlert("slow"));
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("slow", values, clean, values.size(), 1.7e9, 10.0)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"slow\"}",
                                   static_cast<double>(values.size())));
  EXPECT_GE(MetricOr0(daemon, "shapewatch_anomalous_hops_total{series=\"slow\"}"), 2);
  EXPECT_TRUE(Eventually([&] { return am.ActiveAlert("slow").has_value(); }, 30s, 250ms))
      << daemon.process().Output();
  EXPECT_EQ(daemon.Stop(), 0) << daemon.process().Output();
}

// SIGHUP with another Alertmanager and other labels: the alert firing in the
// old one is resolved there, and fires in the new one with the new labels.
TEST(AlertmanagerEndToEnd, SighupMovesAlertingToTheNewAlertmanagerAndLabels) {
  TempDir dir, old_dir, new_dir;
  const int old_port = FreeTcpPort(), new_port = FreeTcpPort();
  RealAlertmanager old_am(old_dir, old_port), new_am(new_dir, new_port);
  ASSERT_TRUE(old_am.Start()) << old_am.Output();
  ASSERT_TRUE(new_am.Start()) << new_am.Output();
  DaemonUnderTest daemon(dir, DaemonConfig(old_port));
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  EcgFeed feed(daemon);
  ASSERT_TRUE(feed.Push(8192));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_state{series=\"ecg\",state=\"scoring\"}", 1));
  ASSERT_TRUE(
      Eventually([&] { return feed.Push(300, true) && old_am.ActiveAlert("ecg"); }, 60s, 250ms))
      << daemon.process().Output();

  dir.Write("shapewatch.yaml", DaemonConfig(new_port, "web"));
  daemon.process().Signal(SIGHUP);
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_config_reloads_total{result=\"ok\"}", 1));
  EXPECT_TRUE(daemon.process().WaitForLine(
      [&](const std::string& l) {
        return l.find("alerting: reconfigured; sending alerts to http://127.0.0.1:" +
                      std::to_string(new_port)) != std::string::npos;
      },
      10s))
      << daemon.process().Output();
  EXPECT_EQ(daemon.process().Output().find("kept as running until a restart"), std::string::npos);

  ASSERT_TRUE(
      Eventually([&] { return feed.Push(300, true) && new_am.ActiveAlert("ecg"); }, 60s, 250ms))
      << daemon.process().Output();
  EXPECT_EQ((*new_am.ActiveAlert("ecg"))["labels"]["team"], "web");
  // Resolved in the old one long before its endsAt (4 x resend_interval = 40 s).
  EXPECT_TRUE(Eventually([&] { return !old_am.ActiveAlert("ecg"); }, 20s, 250ms))
      << old_am.Output();
  EXPECT_EQ(daemon.Stop(), 0) << daemon.process().Output();
}

}  // namespace
}  // namespace shapewatch::testing
