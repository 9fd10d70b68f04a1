// Defaults, the shipped example file, model path resolution and reading files.
#include "config/daemon_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "config_test_util.h"

namespace shapewatch {
namespace {

using ::testing::StartsWith;

TEST(DefaultConfig, ListensOnLoopbackAndLearnsEverything) {
  DaemonConfig config = DefaultConfig();
  EXPECT_EQ(config.graphite_tcp.ToString(), "127.0.0.1:2003");
  EXPECT_EQ(config.graphite_udp.ToString(), "127.0.0.1:2003");
  EXPECT_TRUE(config.graphite_udp_enabled);
  EXPECT_EQ(config.metrics.ToString(), "127.0.0.1:9464");
  EXPECT_EQ(config.state_dir, "");
  EXPECT_EQ(config.queue_capacity, 1048576u);
  EXPECT_EQ(config.max_series, 50000u);
  EXPECT_EQ(config.max_line_length, 4096u);
  EXPECT_EQ(config.gap_factor, 10.0);
  EXPECT_EQ(config.source, "built-in default");
  ASSERT_EQ(config.rules.size(), 1u);
  EXPECT_EQ(config.rules[0].match, "*");
  EXPECT_EQ(config.rules[0].model_file, "");
}

TEST(DefaultConfig, RuleHasTheDocumentedTrainingSettings) {
  const SeriesRule rule = DefaultConfig().rules.at(0);
  EXPECT_EQ(rule.train_samples, 4096u);
  EXPECT_EQ(rule.train.params.segment_len, 32u);
  EXPECT_EQ(rule.train.params.hop, 16u);
  EXPECT_EQ(rule.train.params.window, WindowKind::kHann);
  EXPECT_EQ(rule.train.params.normalization, Normalization::kCenter);
  EXPECT_EQ(rule.train.slide, 2u);
  EXPECT_EQ(rule.train.kmeans.clusters, 150u);
  EXPECT_EQ(rule.train.kmeans.n_init, 10u);
  EXPECT_EQ(rule.train.kmeans.max_iter, 300u);
  EXPECT_EQ(rule.train.kmeans.tol, 1e-4);
  EXPECT_EQ(rule.train.kmeans.seed, 0u);
  EXPECT_EQ(rule.detector.threshold, 0.999);
  EXPECT_EQ(ValidateShapeParams(rule.train.params), "");
}

TEST(ParseDaemonConfig, EmptyOrCommentOnlyFileIsTheDefault) {
  DaemonConfig expected = DefaultConfig();
  expected.source = "empty.yaml";
  for (const char* text : {"", "# nothing here\n", "\n\n"}) {
    Result<DaemonConfig> config = ParseDaemonConfig(text, "empty.yaml");
    ASSERT_TRUE(config.ok()) << config.error();
    ExpectSameConfig(*config, expected);
  }
}

TEST(ParseDaemonConfig, ExampleFileIsTheDefaultsPlusOneModelRule) {
  const std::string path = ExampleConfigPath();
  Result<DaemonConfig> config = LoadDaemonConfig(path);
  ASSERT_TRUE(config.ok()) << config.error();
  DaemonConfig expected = DefaultConfig();
  expected.source = path;
  SeriesRule ecg;
  ecg.match = "ecg.*";
  ecg.model_file = std::string(SHAPEWATCH_SOURCE_DIR) + "/config/models/ecg.json";
  ecg.detector.threshold = 0.9999;
  expected.rules.insert(expected.rules.begin(), ecg);
  ExpectSameConfig(*config, expected);
}

TEST(ParseDaemonConfig, SettingsOverrideDefaults) {
  Result<DaemonConfig> config = ParseDaemonConfig(
      "listen:\n  graphite: \"[::1]:12003\"\n  graphite_udp: false\n"
      "  metrics: 0.0.0.0:0\nstate_dir: /var/lib/sw\nlimits:\n"
      "  queue_capacity: 10\n  max_series: 20\n  max_line_length: 30\n"
      "gap_factor: 2.5\n",
      kTestFile);
  ASSERT_TRUE(config.ok()) << config.error();
  EXPECT_EQ(config->graphite_tcp.ToString(), "[::1]:12003");
  EXPECT_EQ(config->graphite_udp.ToString(), "[::1]:12003");
  EXPECT_FALSE(config->graphite_udp_enabled);
  EXPECT_EQ(config->metrics.ToString(), "0.0.0.0:0");
  EXPECT_EQ(config->state_dir, "/var/lib/sw");
  EXPECT_EQ(config->queue_capacity, 10u);
  EXPECT_EQ(config->max_series, 20u);
  EXPECT_EQ(config->max_line_length, 30u);
  EXPECT_EQ(config->gap_factor, 2.5);
  EXPECT_EQ(config->rules.size(), 1u);
}

TEST(ParseDaemonConfig, SeriesRulesReplaceTheDefaultRuleInOrder) {
  Result<DaemonConfig> config = ParseDaemonConfig(
      "series:\n  - match: a.*\n    segment_len: 64\n    clusters: 20\n"
      "    window: seed\n    normalize: unit\n    seed: 7\n    tol: 0\n"
      "  - match: b.?\n    hop: 8\n    slide: 1\n    n_init: 3\n"
      "    max_iter: 50\n    train_samples: 100\n",
      kTestFile);
  ASSERT_TRUE(config.ok()) << config.error();
  ASSERT_EQ(config->rules.size(), 2u);
  const SeriesRule& a = config->rules[0];
  EXPECT_EQ(a.match, "a.*");
  EXPECT_EQ(a.train.params.segment_len, 64u);
  EXPECT_EQ(a.train.params.hop, 32u);  // segment_len / 2 when omitted
  EXPECT_EQ(a.train.kmeans.clusters, 20u);
  EXPECT_EQ(a.train.params.window, WindowKind::kSeed);
  EXPECT_EQ(a.train.params.normalization, Normalization::kUnit);
  EXPECT_EQ(a.train.kmeans.seed, 7u);
  EXPECT_EQ(a.train.kmeans.tol, 0.0);
  const SeriesRule& b = config->rules[1];
  EXPECT_EQ(b.match, "b.?");
  EXPECT_EQ(b.train.params.segment_len, 32u);
  EXPECT_EQ(b.train.params.hop, 8u);
  EXPECT_EQ(b.train.slide, 1u);
  EXPECT_EQ(b.train.kmeans.n_init, 3u);
  EXPECT_EQ(b.train.kmeans.max_iter, 50u);
  EXPECT_EQ(b.train_samples, 100u);
}

std::string ModelPathIn(std::string_view config_file, std::string_view model) {
  Result<DaemonConfig> config =
      ParseDaemonConfig("series:\n  - model: " + std::string(model) + "\n", config_file);
  EXPECT_TRUE(config.ok()) << config.error();
  return config.ok() ? config->rules.at(0).model_file : "";
}

TEST(ParseDaemonConfig, RelativeModelPathIsResolvedAgainstTheConfigDirectory) {
  EXPECT_EQ(ModelPathIn("/etc/shapewatch/shapewatch.yaml", "models/cpu.json"),
            "/etc/shapewatch/models/cpu.json");
  EXPECT_EQ(ModelPathIn("conf/sw.yaml", "cpu.json"), "conf/cpu.json");
  EXPECT_EQ(ModelPathIn("sw.yaml", "cpu.json"), "cpu.json");
}

TEST(ParseDaemonConfig, AbsoluteAndEmptyModelPathsAreKept) {
  EXPECT_EQ(ModelPathIn("/etc/sw/sw.yaml", "/srv/models/cpu.json"), "/srv/models/cpu.json");
  EXPECT_EQ(ModelPathIn("/etc/sw/sw.yaml", "\"\""), "");
}

TEST(LoadDaemonConfig, MissingFileReportsPathAndErrno) {
  Result<DaemonConfig> config = LoadDaemonConfig("/nonexistent/shapewatch.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error(), "/nonexistent/shapewatch.yaml: No such file or directory");
}

TEST(LoadDaemonConfig, DirectoryIsAnError) {
  Result<DaemonConfig> config = LoadDaemonConfig("/");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error(), "/: Is a directory");
}

TEST(LoadDaemonConfig, ParseErrorsNameTheFile) {
  std::string path = testing::TempDir() + "config_test_bad.yaml";
  std::ofstream(path) << "gap_factor: 3\nlimits:\n  queue_capacity: x\n";
  Result<DaemonConfig> config = LoadDaemonConfig(path);
  std::remove(path.c_str());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.error(), StartsWith(path + ":3:19: limits.queue_capacity: "));
}

}  // namespace
}  // namespace shapewatch
