// Helpers shared by the config tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "config/daemon_config.h"

namespace shapewatch {

inline const char kTestFile[] = "test.yaml";

// The path of the example configuration shipped in config/.
inline std::string ExampleConfigPath() {
  return std::string(SHAPEWATCH_SOURCE_DIR) + "/config/shapewatch.example.yaml";
}

inline void ExpectSameAddress(const ListenAddress& a, const ListenAddress& b) {
  EXPECT_EQ(a.host, b.host);
  EXPECT_EQ(a.port, b.port);
}

inline void ExpectSameRule(const SeriesRule& a, const SeriesRule& b) {
  EXPECT_EQ(a.match, b.match);
  EXPECT_EQ(a.model_file, b.model_file);
  EXPECT_EQ(a.train_samples, b.train_samples);
  EXPECT_EQ(a.train.params.segment_len, b.train.params.segment_len);
  EXPECT_EQ(a.train.params.hop, b.train.params.hop);
  EXPECT_EQ(a.train.params.window, b.train.params.window);
  EXPECT_EQ(a.train.params.normalization, b.train.params.normalization);
  EXPECT_EQ(a.train.slide, b.train.slide);
  EXPECT_EQ(a.train.kmeans.clusters, b.train.kmeans.clusters);
  EXPECT_EQ(a.train.kmeans.n_init, b.train.kmeans.n_init);
  EXPECT_EQ(a.train.kmeans.max_iter, b.train.kmeans.max_iter);
  EXPECT_EQ(a.train.kmeans.tol, b.train.kmeans.tol);
  EXPECT_EQ(a.train.kmeans.seed, b.train.kmeans.seed);
  EXPECT_EQ(a.detector.threshold, b.detector.threshold);
}

inline void ExpectSameConfig(const DaemonConfig& a, const DaemonConfig& b) {
  ExpectSameAddress(a.graphite_tcp, b.graphite_tcp);
  ExpectSameAddress(a.graphite_udp, b.graphite_udp);
  EXPECT_EQ(a.graphite_udp_enabled, b.graphite_udp_enabled);
  ExpectSameAddress(a.metrics, b.metrics);
  EXPECT_EQ(a.state_dir, b.state_dir);
  EXPECT_EQ(a.queue_capacity, b.queue_capacity);
  EXPECT_EQ(a.max_series, b.max_series);
  EXPECT_EQ(a.max_line_length, b.max_line_length);
  EXPECT_EQ(a.gap_factor, b.gap_factor);
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.rules.size(), b.rules.size());
  for (std::size_t i = 0; i < a.rules.size(); ++i) {
    SCOPED_TRACE("rule " + std::to_string(i));
    ExpectSameRule(a.rules[i], b.rules[i]);
  }
}

// Parses `yaml` as test.yaml and returns the error ("" when it parsed).
inline std::string ParseError(std::string_view yaml) {
  Result<DaemonConfig> config = ParseDaemonConfig(yaml, kTestFile);
  return config.ok() ? "" : config.error();
}

}  // namespace shapewatch
