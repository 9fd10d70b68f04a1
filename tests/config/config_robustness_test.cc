// Fuzz-like robustness: deterministic mutations of the example file never
// crash or throw, and every error names the file; whatever is accepted is a
// configuration the daemon can use.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "config/daemon_config.h"
#include "config_test_util.h"

namespace shapewatch {
namespace {

constexpr char kFuzzFile[] = "fuzz.yaml";

std::string ExampleText() {
  std::ifstream in(ExampleConfigPath());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void ExpectUsable(const DaemonConfig& config) {
  ASSERT_FALSE(config.rules.empty());
  EXPECT_GE(config.queue_capacity, 1u);
  EXPECT_GT(config.gap_factor, 1.0);
  for (const SeriesRule& rule : config.rules) {
    EXPECT_FALSE(rule.match.empty());
    EXPECT_EQ(ValidateShapeParams(rule.train.params), "");
    EXPECT_GE(rule.train_samples, rule.train.params.segment_len);
    EXPECT_GT(rule.detector.threshold, 0.0);
    EXPECT_LT(rule.detector.threshold, 1.0);
  }
}

// Parses `text`; returns whether it was accepted.
bool ParsesSafely(const std::string& text) {
  bool accepted = false;
  EXPECT_NO_THROW({
    Result<DaemonConfig> config = ParseDaemonConfig(text, kFuzzFile);
    accepted = config.ok();
    if (config.ok()) {
      ExpectUsable(*config);
    } else {
      EXPECT_EQ(config.error().rfind(std::string(kFuzzFile) + ":", 0), 0u) << config.error();
    }
  }) << text;
  return accepted;
}

TEST(ConfigRobustness, TruncationAtEveryLineAndMidLine) {
  const std::string text = ExampleText();
  ASSERT_FALSE(text.empty());
  int accepted = 0, cuts = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    accepted += ParsesSafely(text.substr(0, start));
    accepted += ParsesSafely(text.substr(0, start + (end - start) / 2));
    cuts += 2;
    start = end + 1;
  }
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, cuts);
}

TEST(ConfigRobustness, RandomByteChanges) {
  const std::string text = ExampleText();
  const std::string interesting = ":-[]{}\"'#*&!%|>\t\n ,?0123456789.";
  std::mt19937 random(20240611);
  int accepted = 0;
  constexpr int kMutants = 400;
  for (int i = 0; i < kMutants; ++i) {
    std::string mutant = text;
    int changes = 1 + static_cast<int>(random() % 3);
    for (int c = 0; c < changes; ++c) {
      std::size_t at = random() % mutant.size();
      bool pick_interesting = random() % 2 == 0;
      mutant[at] = pick_interesting ? interesting[random() % interesting.size()]
                                    : static_cast<char>(random() % 256);
    }
    accepted += ParsesSafely(mutant);
  }
  EXPECT_LT(accepted, kMutants);
}

TEST(ConfigRobustness, DeepNestingAndOddInputs) {
  ParsesSafely(std::string(100000, '['));
  ParsesSafely(std::string(100000, '{'));
  ParsesSafely("series:\n" + std::string(5000, ' ') + "- " + std::string(5000, '['));
  ParsesSafely(std::string("gap_factor: 3\0\nlimits: x\n", 25));
  ParsesSafely("&a [*a]\n");
  ParsesSafely("listen: &l {graphite: 127.0.0.1:1}\nlimits: *l\n");
  ParsesSafely("? [a, b]\n: 1\n");
  ParsesSafely("\xEF\xBB\xBFgap_factor: 3\n");
}

}  // namespace
}  // namespace shapewatch
