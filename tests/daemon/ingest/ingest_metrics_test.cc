#include "daemon/ingest/ingest_metrics.h"

#include <gtest/gtest.h>
#include <prometheus/text_serializer.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace shapewatch {
namespace {

std::string Scrape(prometheus::Registry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

TEST(IngestMetrics, PreCreatesEveryReasonForBothProtocols) {
  prometheus::Registry registry;
  IngestMetrics metrics(registry);
  const std::string text = Scrape(registry);
  for (const char* protocol : {"tcp", "udp"}) {
    for (std::size_t r = 0; r < kParseErrorCount; ++r) {
      const std::string series = std::string("shapewatch_ingest_errors_total{protocol=\"") +
                                 protocol + "\",reason=\"" +
                                 std::string(ParseErrorLabel(static_cast<ParseError>(r))) + "\"}";
      EXPECT_NE(text.find(series), std::string::npos) << series;
    }
  }
  EXPECT_NE(text.find("shapewatch_samples_dropped_total{reason=\"queue_full\"} 0"),
            std::string::npos);
  EXPECT_NE(text.find("shapewatch_samples_dropped_total{reason=\"series_limit\"} 0"),
            std::string::npos);
}

TEST(IngestMetrics, DroppedGivesTheSameCounterForAReason) {
  prometheus::Registry registry;
  IngestMetrics metrics(registry);
  prometheus::Counter& out_of_order = metrics.Dropped("out_of_order");
  out_of_order.Increment(3);
  EXPECT_EQ(&metrics.Dropped("out_of_order"), &out_of_order);
  EXPECT_EQ(&metrics.Dropped("queue_full"), &metrics.dropped_queue_full());
  EXPECT_NE(Scrape(registry).find("shapewatch_samples_dropped_total{reason=\"out_of_order\"} 3"),
            std::string::npos);
}

TEST(IngestMetrics, PassesPromtoolCheckMetrics) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) GTEST_SKIP() << "no promtool";
  prometheus::Registry registry;
  IngestMetrics metrics(registry);
  metrics.connections().Increment();
  const auto path = std::filesystem::temp_directory_path() /
                    ("ingest_metrics_test_" + std::to_string(::getpid()) + ".prom");
  std::ofstream(path) << Scrape(registry);
  const std::string command = "promtool check metrics < " + path.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << Scrape(registry);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace shapewatch
