// Every kind of configuration problem is reported as file:line:col (1-based)
// with what is wrong, and makes the whole parse fail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/daemon_config.h"
#include "config_test_util.h"

namespace shapewatch {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ConfigErrors, YamlSyntaxErrorNamesItsPosition) {
  // yaml-cpp notices the unclosed '[' where the text ends.
  EXPECT_EQ(ParseError("gap_factor: 3\nlisten:\n  graphite: [1, 2\n"),
            "test.yaml:4:1: end of sequence flow not found");
  EXPECT_THAT(ParseError("gap_factor: 3\n bad: 1\n"),
              StartsWith("test.yaml:2:5: illegal map value"));
}

TEST(ConfigErrors, DeepNestingIsAnErrorNotAStackOverflow) {
  EXPECT_THAT(ParseError(std::string(3000, '[')),
              AllOf(StartsWith("test.yaml:"), HasSubstr("nested too deeply")));
}

TEST(ConfigErrors, UnquotedIpv6AddressIsASyntaxError) {
  EXPECT_THAT(ParseError("listen:\n  graphite: [::1]:2003\n"), StartsWith("test.yaml:2:"));
}

TEST(ConfigErrors, UnknownTopLevelKeySuggestsTheNearestKey) {
  EXPECT_EQ(ParseError("gap_factor: 3\nlisen:\n  metrics: 127.0.0.1:1\n"),
            "test.yaml:2:1: unknown key 'lisen' (did you mean 'listen'?)");
}

TEST(ConfigErrors, UnknownKeyWithoutNearMissListsTheKeys) {
  EXPECT_EQ(ParseError("colour: blue\n"),
            "test.yaml:1:1: unknown key 'colour' (expected one of: listen, "
            "state_dir, limits, gap_factor, series, "
            "alerting)");
}

TEST(ConfigErrors, UnknownKeyInListen) {
  EXPECT_EQ(ParseError("listen:\n  graphite: 127.0.0.1:1\n  metric: 127.0.0.1:2\n"),
            "test.yaml:3:3: unknown key 'metric' in listen (did you mean "
            "'metrics'?)");
}

TEST(ConfigErrors, UnknownKeyInLimits) {
  EXPECT_EQ(ParseError("limits:\n  max_lines: 5\n"),
            "test.yaml:2:3: unknown key 'max_lines' in limits (expected one of: "
            "queue_capacity, max_series, max_line_length)");
}

TEST(ConfigErrors, MisspeltThresholdInSeriesRule) {
  EXPECT_EQ(ParseError("series:\n  - match: \"a.*\"\n    treshold: 0.9\n"),
            "test.yaml:3:5: unknown key 'treshold' in series[0] (did you mean "
            "'threshold'?)");
}

TEST(ConfigErrors, UnknownKeyInSecondRuleNamesThatRule) {
  EXPECT_THAT(ParseError("series:\n  - match: a\n  - match: b\n    segment: 8\n"),
              StartsWith("test.yaml:4:5: unknown key 'segment' in series[1]"));
}

TEST(ConfigErrors, DuplicateKeys) {
  EXPECT_EQ(ParseError("gap_factor: 3\ngap_factor: 4\n"),
            "test.yaml:2:1: duplicate key 'gap_factor' (first at line 1)");
  EXPECT_EQ(ParseError("series:\n  - hop: 8\n    clusters: 3\n    hop: 4\n"),
            "test.yaml:4:5: duplicate key 'hop' in series[0] (first at line 2)");
}

TEST(ConfigErrors, WordWhereAWholeNumberBelongs) {
  EXPECT_EQ(ParseError("series:\n  - clusters: abc\n"),
            "test.yaml:2:15: series[0].clusters: expected a whole number, got 'abc'");
}

TEST(ConfigErrors, NegativeFractionalAndEmptyCounts) {
  EXPECT_EQ(ParseError("limits:\n  max_series: -3\n"),
            "test.yaml:2:15: limits.max_series: expected a whole number, got '-3'");
  EXPECT_EQ(ParseError("limits:\n  max_series: 1.5\n"),
            "test.yaml:2:15: limits.max_series: expected a whole number, got '1.5'");
  EXPECT_EQ(ParseError("limits:\n  max_series:\n"),
            "test.yaml:2:3: limits.max_series: expected a whole number, got nothing");
  EXPECT_EQ(ParseError("limits:\n  max_series: [1]\n"),
            "test.yaml:2:15: limits.max_series: expected a whole number, got a list "
            "or mapping");
}

TEST(ConfigErrors, NumberTooLarge) {
  EXPECT_EQ(ParseError("series:\n  - seed: 99999999999999999999\n"),
            "test.yaml:2:11: series[0].seed: number '99999999999999999999' is too "
            "large");
}

TEST(ConfigErrors, ZeroClustersAndZeroQueue) {
  EXPECT_EQ(ParseError("series:\n  - clusters: 0\n"),
            "test.yaml:2:15: series[0].clusters: must be at least 1, got '0'");
  EXPECT_EQ(ParseError("limits:\n  queue_capacity: 0\n"),
            "test.yaml:2:19: limits.queue_capacity: must be at least 1, got '0'");
}

TEST(ConfigErrors, ThresholdOutsideZeroToOne) {
  for (const char* value : {"0", "1", "1.5", "-0.1"}) {
    EXPECT_EQ(ParseError(std::string("series:\n  - threshold: ") + value + "\n"),
              std::string("test.yaml:2:16: series[0].threshold: must be between 0 and "
                          "1 (exclusive), got '") +
                  value + "'");
  }
  EXPECT_EQ(ParseError("series:\n  - threshold: .nan\n"),
            "test.yaml:2:16: series[0].threshold: expected a finite number, got "
            "'.nan'");
  EXPECT_EQ(ParseError("series:\n  - threshold: high\n"),
            "test.yaml:2:16: series[0].threshold: expected a finite number, got "
            "'high'");
}

TEST(ConfigErrors, NegativeTolerance) {
  EXPECT_EQ(ParseError("series:\n  - tol: -1e-3\n"),
            "test.yaml:2:10: series[0].tol: must not be negative, got '-1e-3'");
}

TEST(ConfigErrors, GapFactorMustExceedOne) {
  EXPECT_EQ(ParseError("gap_factor: 1\n"),
            "test.yaml:1:13: gap_factor: must be greater than 1, got '1'");
  EXPECT_EQ(ParseError("gap_factor: 0.5\n"),
            "test.yaml:1:13: gap_factor: must be greater than 1, got '0.5'");
}

TEST(ConfigErrors, PortOutOfRange) {
  EXPECT_EQ(ParseError("listen:\n  metrics: 127.0.0.1:70000\n"),
            "test.yaml:2:12: listen.metrics: port 70000 in '127.0.0.1:70000' is out "
            "of range (0 to 65535)");
}

TEST(ConfigErrors, BadListenAddresses) {
  EXPECT_THAT(ParseError("listen:\n  graphite: localhost:abc\n"),
              StartsWith("test.yaml:2:13: listen.graphite: bad port 'abc'"));
  EXPECT_THAT(ParseError("listen:\n  graphite: localhost\n"),
              StartsWith("test.yaml:2:13: listen.graphite: missing port in "
                         "'localhost' (expected HOST:PORT"));
  EXPECT_THAT(ParseError("listen:\n  graphite: \"[::1:2003\"\n"),
              StartsWith("test.yaml:2:13: listen.graphite: unterminated '['"));
  EXPECT_THAT(ParseError("listen:\n  metrics: 5\n"),
              StartsWith("test.yaml:2:12: listen.metrics: missing port in '5'"));
}

TEST(ConfigErrors, WrongTypeForBoolAndString) {
  EXPECT_EQ(ParseError("listen:\n  graphite_udp: maybe\n"),
            "test.yaml:2:17: listen.graphite_udp: expected true or false, got "
            "'maybe'");
  EXPECT_EQ(ParseError("state_dir: [a, b]\n"),
            "test.yaml:1:12: state_dir: expected a string, got a list or mapping");
}

TEST(ConfigErrors, SectionThatIsNotAMapping) {
  EXPECT_EQ(ParseError("listen: 127.0.0.1:2003\n"),
            "test.yaml:1:9: listen: expected a mapping of settings");
  EXPECT_EQ(ParseError("- a\n- b\n"), "test.yaml:1:1: expected a mapping of settings (key: value)");
}

TEST(ConfigErrors, SeriesMustBeANonEmptyListOfRules) {
  EXPECT_THAT(ParseError("series: everything\n"),
              StartsWith("test.yaml:1:9: series: expected a list of rules"));
  EXPECT_THAT(ParseError("gap_factor: 3\nseries: []\n"),
              StartsWith("test.yaml:2:9: series: expected a list of rules"));
  EXPECT_THAT(ParseError("series:\n  - match: a\n  - b\n"),
              StartsWith("test.yaml:3:5: series[1]: expected a rule"));
}

TEST(ConfigErrors, EmptyGlob) {
  EXPECT_EQ(ParseError("series:\n  - match: \"\"\n"),
            "test.yaml:2:12: series[0].match: empty pattern (use \"*\" to match "
            "every series)");
}

TEST(ConfigErrors, UnknownWindowAndNormalisation) {
  EXPECT_EQ(ParseError("series:\n  - window: hamming\n"),
            "test.yaml:2:13: series[0].window: expected hann or seed, got 'hamming'");
  EXPECT_EQ(ParseError("series:\n  - normalize: zscore\n"),
            "test.yaml:2:16: series[0].normalize: expected none, unit or center, got "
            "'zscore'");
}

TEST(ConfigErrors, HopThatDoesNotDivideSegmentLength) {
  std::string error = ParseError("series:\n  - segment_len: 32\n    hop: 12\n");
  EXPECT_THAT(error, StartsWith("test.yaml:3:10: series[0].hop: "));
  EXPECT_THAT(error, HasSubstr("32"));
}

TEST(ConfigErrors, OddSegmentLengthWithDefaultHopIsReportedAtSegmentLength) {
  EXPECT_THAT(ParseError("series:\n  - segment_len: 33\n"),
              StartsWith("test.yaml:2:18: series[0].segment_len: "));
}

TEST(ConfigErrors, TrainSamplesBelowSegmentLength) {
  EXPECT_EQ(ParseError("series:\n  - train_samples: 16\n"),
            "test.yaml:2:20: series[0].train_samples: train_samples (16) must be at "
            "least segment_len (32)");
  EXPECT_THAT(ParseError("series:\n  - train_samples: 100\n    segment_len: 128\n"),
              StartsWith("test.yaml:2:20: series[0].train_samples: "));
}

TEST(ConfigErrors, MoreThanOneDocument) {
  EXPECT_EQ(ParseError("gap_factor: 3\n---\ngap_factor: 4\n"),
            "test.yaml:2:1: more than one YAML document (remove the '---')");
}

// yaml-cpp's LoadAll loops forever on this, allocating without bound.
TEST(ConfigErrors, StrayCommaDoesNotHangTheParser) {
  EXPECT_THAT(ParseError(","), StartsWith("test.yaml:1:"));
  EXPECT_THAT(ParseError("gap_factor: 3\n,\n"), StartsWith("test.yaml:2:"));
}

TEST(ConfigErrors, FirstErrorWinsAndNothingIsApplied) {
  Result<DaemonConfig> config =
      ParseDaemonConfig("gap_factor: 3\nlimits:\n  max_series: none\n", "x.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.error(), StartsWith("x.yaml:3:15: "));
}

}  // namespace
}  // namespace shapewatch
