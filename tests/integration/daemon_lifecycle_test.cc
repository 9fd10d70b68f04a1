// shapewatchd's process life: configuration checks and reloads, draining
// on SIGTERM, and learned models surviving a restart.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/integration/support/daemon_under_test.h"
#include "tests/integration/support/http_client.h"

namespace shapewatch::testing {
namespace {
using namespace std::chrono_literals;

TEST(DaemonLifecycle, CheckConfigNamesFileAndLineOfTheProblem) {
  TempDir dir;
  dir.Write("bad.yaml", "series:\n  - match: \"*\"\n    clusters: abc\n");
  RunResult r = RunProgram({DaemonBinary(), "--check-config", dir.File("bad.yaml")});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("bad.yaml:3:"), std::string::npos) << r.output;

  dir.Write("good.yaml", kQuickLearningConfig);
  r = RunProgram({DaemonBinary(), "--check-config", dir.File("good.yaml")});
  EXPECT_EQ(r.status, 0) << r.output;
}

TEST(DaemonLifecycle, UsageErrorsExitWithStatusTwo) {
  EXPECT_EQ(RunProgram({DaemonBinary(), "--no-such-option"}).status, 2);
  EXPECT_EQ(RunProgram({DaemonBinary(), "--listen-graphite", "nonsense"}).status, 2);
  RunResult help = RunProgram({DaemonBinary(), "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("--config"), std::string::npos);
}

TEST(DaemonLifecycle, SighupWithBrokenFileKeepsTheRunningConfiguration) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kQuickLearningConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  dir.Write("shapewatch.yaml", "series:\n  - match: \"*\"\n    treshold: 0.5\n");
  daemon.process().Signal(SIGHUP);
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_config_reloads_total{result=\"failed\"}", 1));
  EXPECT_EQ(Metric(daemon.Scrape(), "shapewatch_config_last_reload_successful"), 0);
  EXPECT_TRUE(daemon.process().WaitForLine(
      [](const std::string& l) { return l.find("shapewatch.yaml:3:") != std::string::npos; }, 10s))
      << daemon.process().Output();
  // Still running on the old rules: a series learns with train_samples 4096.
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("after.reload", LoadEcg(), 0, 10, 1.7e9, 0.002)));
  EXPECT_TRUE(daemon.WaitForMetric(
      "shapewatch_series_state{series=\"after.reload\",state=\"learning\"}", 1));

  dir.Write("shapewatch.yaml", "series:\n  - match: \"none.*\"\n");
  daemon.process().Signal(SIGHUP);
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_config_reloads_total{result=\"ok\"}", 1));
  EXPECT_TRUE(daemon.WaitForMetric(
      "shapewatch_series_state{series=\"after.reload\",state=\"unmatched\"}", 1));
  EXPECT_EQ(daemon.Stop(), 0);
}

TEST(DaemonLifecycle, SighupNamesTheSettingsThatWaitForARestart) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kQuickLearningConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  dir.Write("shapewatch.yaml", std::string(kQuickLearningConfig) +
                                   "limits:\n  max_series: 10\n"
                                   "alerting:\n  alertmanagers: [http://127.0.0.1:9]\n");
  daemon.process().Signal(SIGHUP);
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_config_reloads_total{result=\"ok\"}", 1));
  EXPECT_TRUE(daemon.process().WaitForLine(
      [](const std::string& l) {
        return l.find(
                   "SIGHUP: limits.max_series, alerting changed; kept as running until a "
                   "restart") != std::string::npos;
      },
      10s))
      << daemon.process().Output();
  EXPECT_EQ(daemon.Stop(), 0);
}

TEST(DaemonLifecycle, SigtermProcessesEverythingReceivedThenExitsZero) {
  TempDir dir;
  DaemonUnderTest daemon(dir, kQuickLearningConfig);
  ASSERT_TRUE(daemon.ready()) << daemon.process().Output();
  const std::vector<double> ecg = LoadEcg();
  const std::size_t n = 200000;
  ASSERT_TRUE(daemon.SendTcp(GraphiteLines("ecg.drain", ecg, 0, n, 1.7e9, 0.002)));
  // Everything is in the daemon once ingest has counted it; stop at once.
  ASSERT_TRUE(daemon.WaitForMetric("shapewatch_samples_received_total{protocol=\"tcp\"}", n));
  EXPECT_EQ(daemon.Stop(), 0);
  EXPECT_TRUE(daemon.process().WaitForLine(
      [&](const std::string& l) {
        return l.find("stopped after processing " + std::to_string(n) + " samples") !=
               std::string::npos;
      },
      1s))
      << daemon.process().Output();
}

TEST(DaemonLifecycle, RestartUsesTheModelLearnedBefore) {
  TempDir dir;
  const std::vector<double> ecg = LoadEcg();
  {
    DaemonUnderTest first(dir, kQuickLearningConfig);
    ASSERT_TRUE(first.ready()) << first.process().Output();
    ASSERT_TRUE(first.SendTcp(GraphiteLines("ecg.persist", ecg, 0, 5000, 1.7e9, 0.002)));
    ASSERT_TRUE(first.WaitForMetric(
        "shapewatch_series_state{series=\"ecg.persist\",state=\"scoring\"}", 1));
    EXPECT_EQ(Metric(first.Scrape(), "shapewatch_trainings_total{result=\"ok\"}"), 1);
    EXPECT_EQ(first.Stop(), 0);
  }
  DaemonUnderTest second(dir, kQuickLearningConfig, dir.File("state"));
  ASSERT_TRUE(second.ready()) << second.process().Output();
  ASSERT_TRUE(second.SendTcp(GraphiteLines("ecg.persist", ecg, 5000, 5100, 1.7e9, 0.002)));
  EXPECT_TRUE(
      second.WaitForMetric("shapewatch_series_state{series=\"ecg.persist\",state=\"scoring\"}", 1));
  const auto m = second.Scrape();
  EXPECT_EQ(Metric(m, "shapewatch_trainings_total{result=\"ok\"}"), 0);
  EXPECT_GT(Metric(m, "shapewatch_anomaly_score{series=\"ecg.persist\"}").value_or(-1), -1);
}

// A model learned without the fine scale (as by an older shapewatchd) is
// kept by a daemon whose rule asks for one; a rule that turns it off does
// not use a model that has one, and learns again.
TEST(DaemonLifecycle, LearnedModelsWithoutAFineScaleAreKeptAndOnesWithItRelearnedWhenOff) {
  TempDir dir;
  const std::vector<double> ecg = LoadEcg();
  const std::string without = std::string(kQuickLearningConfig) + "    fine_scale: false\n";
  {
    DaemonUnderTest first(dir, without);
    ASSERT_TRUE(first.ready()) << first.process().Output();
    ASSERT_TRUE(first.SendTcp(GraphiteLines("old", ecg, 0, 4200, 1.7e9, 0.002)));
    ASSERT_TRUE(first.SendTcp(GraphiteLines("new", ecg, 0, 10, 1.7e9, 0.002)));
    ASSERT_TRUE(
        first.WaitForMetric("shapewatch_series_state{series=\"old\",state=\"scoring\"}", 1));
    EXPECT_EQ(first.Stop(), 0);
  }
  {
    DaemonUnderTest second(dir, kQuickLearningConfig, dir.File("state"));
    ASSERT_TRUE(second.ready()) << second.process().Output();
    ASSERT_TRUE(second.SendTcp(GraphiteLines("old", ecg, 4200, 4300, 1.7e9, 0.002)));
    ASSERT_TRUE(second.SendTcp(GraphiteLines("new", ecg, 10, 4200, 1.7e9, 0.002)));
    EXPECT_TRUE(
        second.WaitForMetric("shapewatch_series_state{series=\"old\",state=\"scoring\"}", 1));
    EXPECT_TRUE(
        second.WaitForMetric("shapewatch_series_state{series=\"new\",state=\"scoring\"}", 1));
    EXPECT_EQ(Metric(second.Scrape(), "shapewatch_trainings_total{result=\"ok\"}"), 1);  // new
    EXPECT_EQ(second.Stop(), 0);
  }
  DaemonUnderTest third(dir, without, dir.File("state"));
  ASSERT_TRUE(third.ready()) << third.process().Output();
  ASSERT_TRUE(third.SendTcp(GraphiteLines("new", ecg, 4200, 4300, 1.7e9, 0.002)));
  EXPECT_TRUE(third.WaitForMetric("shapewatch_series_state{series=\"new\",state=\"learning\"}", 1))
      << third.process().Output();
}

TEST(DaemonLifecycle, CorruptLearnedModelIsReportedAndLearnedAgain) {
  TempDir dir;
  const std::vector<double> ecg = LoadEcg();
  std::string model_path;
  {
    DaemonUnderTest first(dir, kQuickLearningConfig);
    ASSERT_TRUE(first.ready());
    ASSERT_TRUE(first.SendTcp(GraphiteLines("ecg.corrupt", ecg, 0, 4200, 1.7e9, 0.002)));
    ASSERT_TRUE(first.WaitForMetric(
        "shapewatch_series_state{series=\"ecg.corrupt\",state=\"scoring\"}", 1));
    EXPECT_EQ(first.Stop(), 0);
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir.File("state"))) {
    std::ofstream(entry.path(), std::ios::trunc) << "{\"format\": \"shapewatch-model\", \"vers";
  }
  DaemonUnderTest second(dir, kQuickLearningConfig, dir.File("state"));
  ASSERT_TRUE(second.ready());
  ASSERT_TRUE(second.SendTcp(GraphiteLines("ecg.corrupt", ecg, 0, 10, 1.7e9, 0.002)));
  EXPECT_TRUE(second.WaitForMetric(
      "shapewatch_series_state{series=\"ecg.corrupt\",state=\"learning\"}", 1));
  EXPECT_TRUE(second.process().WaitForLine(
      [](const std::string& l) { return l.find("not valid JSON") != std::string::npos; }, 5s))
      << second.process().Output();
}

}  // namespace
}  // namespace shapewatch::testing
