// shapewatchd's ingest as a client meets it: Graphite plaintext over real
// TCP and UDP sockets on loopback, counted in /metrics.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {

// Learning starts only after many samples; ingest tests stay in "learning".
const char kConfig[] = R"(
series:
  - match: "*"
    train_samples: 100000
)";

TEST(DaemonIngest, TcpCountsEverySampleExactly) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  const std::vector<double> ecg = LoadEcg();
  const std::size_t n = 50000;
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.tcp", ecg, 0, n, 1.7e9, 0.002)));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg.tcp\"}", n));
  const auto m = daemon.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_samples_received_total{protocol=\"tcp\"}"), n);
  EXPECT_EQ(Metric(m, "shapewatch_series_state{series=\"ecg.tcp\",state=\"learning\"}"), 1);
}

TEST(DaemonIngest, ManyTcpClientsAtOnceLoseNothing) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  const std::vector<double> ecg = LoadEcg();
  std::vector<std::thread> clients;
  std::atomic<int> delivered{0};
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      if (daemon.SendTcp(
              GraphiteLines("client." + std::to_string(c), ecg, 0, 5000, 1.7e9, 0.002))) {
        ++delivered;
      }
    });
  }
  for (auto& t : clients) t.join();
  ASSERT_EQ(delivered.load(), 8) << daemon.process().Output();
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_samples_received_total{protocol=\"tcp\"}", 40000))
      << daemon.ScrapeText();
  const auto m = daemon.Scrape();
  for (int c = 0; c < 8; ++c) {
    EXPECT_EQ(
        Metric(m, "shapewatch_series_samples_total{series=\"client." + std::to_string(c) + "\"}"),
        5000);
  }
}

TEST(DaemonIngest, MalformedLinesAreCountedAndOtherLinesStillArrive) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += "good.series " + std::to_string(i) + " " + std::to_string(1700000000 + i) + "\r\n";
    if (i % 10 == 0) text += "bad.value abc 1700000000\n";
    if (i % 20 == 0) text += "missing.timestamp 1\n";
    if (i % 25 == 0) text += "nan.value nan 1700000000\n";
  }
  ASSERT_TRUE(daemon.SendTcp(text));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"good.series\"}", 100));
  const auto m = daemon.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_ingest_errors_total{protocol=\"tcp\",reason=\"bad_value\"}"), 10);
  EXPECT_EQ(Metric(m, "shapewatch_ingest_errors_total{protocol=\"tcp\",reason=\"missing_field\"}"),
            5);
  EXPECT_EQ(Metric(m, "shapewatch_ingest_errors_total{protocol=\"tcp\",reason=\"non_finite\"}"), 4);
  EXPECT_FALSE(Metric(m, "shapewatch_series_samples_total{series=\"bad.value\"}").has_value());
}

TEST(DaemonIngest, UdpDatagramsWithSeveralLinesAreCounted) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  const std::vector<double> ecg = LoadEcg();
  // Bursts small enough for the kernel's socket buffer; each waits for the last.
  std::size_t sent = 0;
  for (int burst = 0; burst < 20; ++burst) {
    std::vector<std::string> datagrams;
    for (int d = 0; d < 10; ++d) {
      datagrams.push_back(GraphiteLines("ecg.udp", ecg, sent, sent + 40, 1.7e9, 0.002));
      sent += 40;
    }
    ASSERT_TRUE(daemon.SendUdp(datagrams));
    ASSERT_TRUE(daemon.WaitForMetric("shapewatch_samples_received_total{protocol=\"udp\"}",
                                     static_cast<double>(sent)));
  }
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg.udp\"}", 8000));
}

TEST(DaemonIngest, OlderTimestampsAreDroppedAndCounted) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  ASSERT_TRUE(daemon.SendTcp("s 1 100\ns 2 101\ns 3 99\ns 4 101\ns 5 102\n"));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"s\"}", 4));
  EXPECT_EQ(Metric(daemon.Scrape(), "shapewatch_samples_dropped_total{reason=\"out_of_order\"}"),
            1);
}

TEST(DaemonIngest, SeriesBeyondTheCapAreRefusedAndCounted) {
  TempDir dir;
  DaemonUnderTest daemon(dir, std::string(kConfig) + "limits:\n  max_series: 2\n");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  ASSERT_TRUE(daemon.SendTcp("a 1 100\nb 1 100\nc 1 100\na 2 101\nc 2 101\n"));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"a\"}", 2));
  const auto m = daemon.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_samples_dropped_total{reason=\"series_limit\"}"), 2);
  EXPECT_EQ(Metric(m, "shapewatch_series_samples_total{series=\"b\"}"), 1);
  EXPECT_FALSE(Metric(m, "shapewatch_series_samples_total{series=\"c\"}").has_value());
}

TEST(DaemonIngest, AGapRestartsTheSeriesReconstruction) {
  TempDir dir;
  DaemonUnderTest daemon(dir, R"(
gap_factor: 5
series:
  - match: "*"
    train_samples: 4096
    n_init: 2
    clusters: 50
)");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  const std::vector<double> ecg = LoadEcg();
  // 5000 samples 2 ms apart, then the next 1000 after a 10 s pause.
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.gap", ecg, 0, 5000, 1.7e9, 0.002)));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"ecg.gap\",state=\"scoring\"}", 1));
  EXPECT_EQ(Metric(daemon.Scrape(), "shapewatch_stream_restarts_total"), 0);
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.gap", ecg, 5000, 6000, 1.7e9 + 10, 0.002)));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg.gap\"}", 6000));
  EXPECT_EQ(Metric(daemon.Scrape(), "shapewatch_stream_restarts_total"), 1);
}

}  // namespace
}  // namespace shapewatch::testing
