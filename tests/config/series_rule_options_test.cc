// The per-rule detection options: segment_len auto, score, exclude_share,
// retrain_interval, unstable_share, error, history_half_life, fine_scale.
#include <gtest/gtest.h>

#include "config/series_rule_parser.h"
#include "config_test_util.h"

namespace shapewatch {
namespace {

Result<DaemonConfig> Parse(const std::string& rule) {
  return ParseDaemonConfig("series:\n  - match: \"*\"\n" + rule, kTestFile);
}

TEST(SeriesRuleOptions, DefaultsAreDocumented) {
  const SeriesRule rule = DefaultConfig().rules.at(0);
  EXPECT_FALSE(rule.train.auto_segment_len);
  EXPECT_EQ(rule.detector.flag_score, ScoreKind::kInstant);
  EXPECT_EQ(rule.train.exclude_share, 0.03);
  EXPECT_EQ(rule.retrain_interval, 0u);
  EXPECT_EQ(rule.detector.unstable_share, 0.2);
  EXPECT_EQ(rule.train.params.error_statistic, ErrorStatistic::kRmsMax);
  EXPECT_EQ(rule.detector.history_half_life, 0.0);
  EXPECT_TRUE(rule.train.fine_scale);
}

TEST(SeriesRuleOptions, AllAreRead) {
  const auto config = Parse(
      "    segment_len: auto\n    score: smoothed\n    exclude_share: 0.05\n"
      "    retrain_interval: 100000\n    unstable_share: 0.3\n    error: rms\n"
      "    history_half_life: 5000\n    fine_scale: false\n");
  ASSERT_TRUE(config.ok()) << config.error();
  const SeriesRule& rule = config->rules.at(0);
  EXPECT_TRUE(rule.train.auto_segment_len);
  EXPECT_EQ(rule.detector.flag_score, ScoreKind::kSmoothed);
  EXPECT_EQ(rule.train.exclude_share, 0.05);
  EXPECT_EQ(rule.retrain_interval, 100000u);
  EXPECT_EQ(rule.detector.unstable_share, 0.3);
  EXPECT_EQ(rule.train.params.error_statistic, ErrorStatistic::kRms);
  EXPECT_EQ(rule.detector.history_half_life, 5000.0);
  EXPECT_FALSE(rule.train.fine_scale);
}

TEST(SeriesRuleOptions, BadValuesNameTheKey) {
  const auto expect_error = [](const std::string& rule, const std::string& key) {
    const auto config = Parse(rule);
    ASSERT_FALSE(config.ok()) << rule;
    EXPECT_NE(config.error().find(key), std::string::npos) << config.error();
  };
  expect_error("    score: fast\n", "score");
  expect_error("    exclude_share: 0.5\n", "exclude_share");
  expect_error("    exclude_share: -0.1\n", "exclude_share");
  expect_error("    unstable_share: 0\n", "unstable_share");
  expect_error("    unstable_share: 1.5\n", "unstable_share");
  expect_error("    retrain_interval: -1\n", "retrain_interval");
  expect_error("    segment_len: automatic\n", "segment_len");
  expect_error("    segment_len: auto\n    hop: 8\n", "hop");
  expect_error("    error: max\n", "error");
  expect_error("    history_half_life: -1\n", "history_half_life");
  expect_error("    fine_scale: sometimes\n", "fine_scale");
}

}  // namespace
}  // namespace shapewatch
