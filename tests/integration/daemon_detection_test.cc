// shapewatchd learns a real recording's shapes and flags shapes it has not
// seen: clean ECG scores low, injected spikes are flagged, a run of anomalous
// hops is counted; model files from `shapewatch train` score at once.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {

const char kConfig[] = R"(
series:
  - match: "ecg.*"
    train_samples: 8192
    n_init: 3
)";

constexpr std::size_t kTrain = 8192;
constexpr std::size_t kScored = 20480;

TEST(DaemonDetection, CleanStretchScoresLowAndInjectedSpikesAreFlagged) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  const std::vector<double> clean = LoadEcg();
  std::vector<double> spiky = clean;
  std::vector<std::size_t> spikes;
  // One glitch every few thousand samples, each of its own size and sign
  // (~0.5 mV and up, never seen). The same glitch over and over would join
  // the series' error history and become ordinary at this density (each
  // spike's hops are ~0.2 % of the hops scored).
  for (std::size_t p = kTrain + 2000; p + 100 < kTrain + kScored; p += 4000) {
    const double size = (spikes.size() % 2 ? -1.0 : 1.0) * (1500.0 + 500.0 * spikes.size());
    spikes.push_back(p);
    for (std::size_t i = p; i < p + 3; ++i) spiky[i] += size;
  }
  // The training part first: what arrives while a model is being trained
  // is kept for scoring only up to train_samples (a slow, sanitized build
  // can take longer than that), so the scored part goes once both score.
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.clean", clean, 0, kTrain, 1.7e9, 0.002) +
                             GraphiteLines("ecg.spiky", spiky, 0, kTrain, 1.7e9, 0.002)));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"ecg.clean\",state=\"scoring\"}", 1));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"ecg.spiky\",state=\"scoring\"}", 1));
  const std::size_t n = kTrain + kScored;
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.clean", clean, kTrain, n, 1.7e9, 0.002) +
                             GraphiteLines("ecg.spiky", spiky, kTrain, n, 1.7e9, 0.002)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg.clean\"}", n));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg.spiky\"}", n));

  const auto m = daemon.Scrape();
  const double hops = kScored / 16.0;
  const double clean_flags =
      Metric(m, "shapewatch_anomalous_hops_total{series=\"ecg.clean\"}").value();
  const double spiky_flags =
      Metric(m, "shapewatch_anomalous_hops_total{series=\"ecg.spiky\"}").value();
  RecordProperty("clean_anomalous_hops", std::to_string(clean_flags));
  RecordProperty("spiky_anomalous_hops", std::to_string(spiky_flags));
  EXPECT_LE(clean_flags, 0.02 * hops) << "false alarms on clean ECG";
  EXPECT_GE(spiky_flags - clean_flags, 0.8 * static_cast<double>(spikes.size()))
      << spikes.size() << " spikes injected";
  const double clean_score = Metric(m, "shapewatch_anomaly_score{series=\"ecg.clean\"}").value();
  EXPECT_GE(clean_score, 0.0);
  EXPECT_LT(clean_score, 0.999);
}

// shapewatch_anomalous_consecutive_hops counts the anomalous hops in a row
// (what the Prometheus rule confirms an anomaly with) and drops to 0 on the
// first normal hop.
TEST(DaemonDetection, ConsecutiveAnomalousHopsCountARunAndResetOnANormalHop) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  std::vector<double> ecg = LoadEcg();
  const std::string key = "shapewatch_anomalous_consecutive_hops{series=\"ecg.burst\"}";
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.burst", ecg, 0, kTrain, 1.7e9, 0.002)));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"ecg.burst\",state=\"scoring\"}", 1));
  // Ten hops of noise that doubles every hop: each hop is larger than
  // anything before it, so every one is flagged.
  const std::size_t burst = kTrain + 1600, burst_end = burst + 10 * 16;
  for (std::size_t i = burst; i < burst_end; ++i) {
    const double size = 500.0 * std::exp2(static_cast<double>((i - burst) / 16));
    ecg[i] += (i % 2 ? -1.0 : 1.0) * size;
  }
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.burst", ecg, kTrain, burst_end, 1.7e9, 0.002)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg.burst\"}",
                                   static_cast<double>(burst_end)));
  // The hops up to 16 samples before the last one sent are final: 9 of the
  // burst's, and the hop just before it, whose segment overlaps the burst (a
  // scrape may come before the latest hop is scored: one fewer).
  auto m = daemon.Scrape();
  const double run = Metric(m, key).value();
  EXPECT_GE(run, 8.0);
  EXPECT_LE(run, 10.0);
  EXPECT_EQ(Metric(m, "shapewatch_anomalous{series=\"ecg.burst\"}").value(), 1.0);
  EXPECT_GE(Metric(m, "shapewatch_anomalous_hops_total{series=\"ecg.burst\"}").value(), run);
  // Clean ECG again: the first normal hop sets it back to 0.
  const std::size_t after = burst_end + 40 * 16;
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.burst", ecg, burst_end, after, 1.7e9, 0.002)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg.burst\"}",
                                   static_cast<double>(after)));
  m = daemon.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_anomalous{series=\"ecg.burst\"}").value(), 0.0);
  EXPECT_EQ(Metric(m, key).value(), 0.0);
}

TEST(DaemonDetection, ConfiguredModelFileScoresFromTheFirstSample) {
  TempDir dir;
  // Train with the real tool, then point a rule at the file.
  RunResult train =
      RunProgram({ToolBinary(), "train", "--input",
                  std::string(SHAPEWATCH_TEST_DATA_DIR) + "/ecg_mcl1_500hz.csv", "--limit", "8192",
                  "--n-init", "2", "--output", dir.File("ecg.model.json")});
  ASSERT_EQ(train.status, 0) << train.output;
  DaemonUnderTest daemon(dir, "series:\n  - match: \"ecg\"\n    model: ecg.model.json\n");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg", LoadEcg(), 8192, 8192 + 320, 1.7e9, 0.002)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg\"}", 320));
  const auto m = daemon.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_series_state{series=\"ecg\",state=\"scoring\"}"), 1);
  EXPECT_EQ(Metric(m, "shapewatch_trainings_total{result=\"ok\"}"), 0);
  EXPECT_TRUE(Metric(m, "shapewatch_anomaly_score{series=\"ecg\"}").has_value());
  // Series no rule matches are counted but not modelled.
  ASSERT_TRUE(daemon.SendTcp("other.series 1 1700000000\n"));
  EXPECT_TRUE(daemon.WaitForMetric(
      "shapewatch_series_state{series=\"other.series\",state=\"unmatched\"}", 1));
}

TEST(DaemonDetection, MissingModelFileMarksTheSeriesFailed) {
  TempDir dir;
  DaemonUnderTest daemon(dir, "series:\n  - match: \"*\"\n    model: /nonexistent/m.json\n");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  ASSERT_TRUE(daemon.SendTcp("x 1 1700000000\n"));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_state{series=\"x\",state=\"failed\"}", 1));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series{state=\"failed\"}", 1));
}

}  // namespace
}  // namespace shapewatch::testing
