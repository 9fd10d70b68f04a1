// How shapewatchd learns over a series' life: constant series are left
// alone, a series that keeps being flagged is relearned, and periodic
// retraining swaps in a new model without losing a hop.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DaemonLearning, ConstantSeriesIsNotTrainedAndNeverAlarms) {
  TempDir dir;
  DaemonUnderTest daemon(dir, "series:\n  - match: \"*\"\n    train_samples: 1000\n");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  std::string lines;
  for (int i = 0; i < 2500; ++i) lines += "disk.free 7 " + std::to_string(1700000000 + i) + "\n";
  ASSERT_TRUE(daemon.SendTcp(lines));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"disk.free\"}", 2500));
  const auto m = daemon.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_series_state{series=\"disk.free\",state=\"constant\"}"), 1);
  EXPECT_EQ(Metric(m, "shapewatch_trainings_total{result=\"ok\"}"), 0);
  EXPECT_EQ(Metric(m, "shapewatch_anomalous{series=\"disk.free\"}"), 0);
}

TEST(DaemonLearning, SeriesFlaggedTooOftenIsMarkedUnstableAndRelearned) {
  TempDir dir;
  DaemonUnderTest daemon(dir, R"(
series:
  - match: "*"
    train_samples: 4096
    n_init: 2
    clusters: 50
    unstable_share: 0.005
)");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  std::vector<double> ecg = LoadEcg();
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg", ecg, 0, 4096, 1.7e9, 0.002)));
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_state{series=\"ecg\",state=\"scoring\"}", 1));
  // The series changes for good: upside down and louder.
  for (std::size_t i = 4096; i < ecg.size(); ++i) ecg[i] = -3 * ecg[i];
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg", ecg, 4096, 20000, 1.7e9, 0.002)));
  EXPECT_TRUE(daemon.process().WaitForLine(
      [](const std::string& l) { return l.find("marked unstable") != std::string::npos; },
      std::chrono::seconds(60)))
      << daemon.process().Output();
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"ecg\"}", 20000));
  // Relearned from the new normal: a second training, scoring again.
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_trainings_total{result=\"ok\"}", 2, true));
  EXPECT_TRUE(daemon.WaitForMetric("shapewatch_series_state{series=\"ecg\",state=\"scoring\"}", 1));
}

TEST(DaemonLearning, RetrainingSwapsTheModelWithoutLosingAHop) {
  TempDir dir;
  DaemonUnderTest daemon(dir, R"(
series:
  - match: "retrained"
    train_samples: 4096
    n_init: 2
    clusters: 50
    retrain_interval: 4096
  - match: "*"
    train_samples: 4096
    n_init: 2
    clusters: 50
)");
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  const std::vector<double> ecg = LoadEcg();
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("retrained", ecg, 0, 4096, 1.7e9, 0.002) +
                             GraphiteLines("fixed", ecg, 0, 4096, 1.7e9, 0.002)));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"retrained\",state=\"scoring\"}", 1));
  ASSERT_TRUE(
      daemon.WaitForMetric("shapewatch_series_state{series=\"fixed\",state=\"scoring\"}", 1));
  const std::string state_dir = daemon.state_dir();
  std::string first_model;
  for (const auto& e : std::filesystem::directory_iterator(state_dir)) {
    if (e.path().filename().string().rfind("retrained-", 0) == 0) first_model = e.path();
  }
  ASSERT_FALSE(first_model.empty());
  const std::string before = ReadAll(first_model);

  // Keep data coming until a retrained model has taken over (it does so at
  // a hop boundary, so only while samples arrive) plus one more chunk.
  std::size_t sent = 4096;
  bool swapped = false;
  for (int chunk = 0; chunk < 60 && sent + 4096 <= ecg.size(); ++chunk) {
    ASSERT_TRUE(daemon.SendTcp(GraphiteLines("retrained", ecg, sent, sent + 4096, 1.7e9, 0.002) +
                               GraphiteLines("fixed", ecg, sent, sent + 4096, 1.7e9, 0.002)));
    sent += 4096;
    ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"fixed\"}",
                                     static_cast<double>(sent)));
    if (swapped) break;
    swapped = Metric(daemon.Scrape(), "shapewatch_retrainings_total").value_or(0) >= 1;
  }
  ASSERT_TRUE(swapped) << daemon.process().Output();
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_series_samples_total{series=\"retrained\"}",
                                   static_cast<double>(sent)));
  const auto m = daemon.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_series_hops_total{series=\"retrained\"}"),
            Metric(m, "shapewatch_series_hops_total{series=\"fixed\"}"))
      << "a hop was lost or repeated when the model was swapped";
  EXPECT_NE(ReadAll(first_model), before) << "the retrained model was not persisted";
}

}  // namespace
}  // namespace shapewatch::testing
