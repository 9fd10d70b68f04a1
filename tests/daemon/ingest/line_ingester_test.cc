#include "daemon/ingest/line_ingester.h"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <string>
#include <vector>

namespace shapewatch {
namespace {

class LineIngesterTest : public ::testing::Test {
 protected:
  IngestTarget Target() {
    return IngestTarget{series_, queue_, metrics_,
                        [this](std::string_view level, std::string_view message) {
                          log_.push_back(std::string(level) + ": " + std::string(message));
                        },
                        [] { return 99.0; }};
  }

  prometheus::Registry registry_;
  IngestMetrics metrics_{registry_};
  SampleQueue queue_{16};
  SeriesDirectory series_{2};
  std::vector<std::string> log_;
  LineSource source_{[] { return std::string("test peer"); }};
  std::vector<IngestedSample> out_;
};

TEST_F(LineIngesterTest, AppendsSampleWithInternedSeries) {
  LineIngester ingester(IngestProtocol::kUdp, Target());
  ingester.Ingest("a.b 2.5 10", source_, out_);
  ingester.Ingest("a.b 3 -1", source_, out_);
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_EQ(series_.Name(out_[0].series), "a.b");
  EXPECT_EQ(out_[1].series, out_[0].series);
  EXPECT_EQ(out_[0].value, 2.5);
  EXPECT_EQ(out_[1].timestamp, 99.0) << "-1 takes the wall clock";
  EXPECT_EQ(metrics_.received(IngestProtocol::kUdp).Value(), 2);
  EXPECT_EQ(queue_.size(), 0u) << "the caller pushes";
}

TEST_F(LineIngesterTest, IgnoresBlankLinesWithoutCounting) {
  LineIngester ingester(IngestProtocol::kTcp, Target());
  for (const char* blank : {"", " ", "\t\r", "\r"}) ingester.Ingest(blank, source_, out_);
  EXPECT_TRUE(out_.empty());
  EXPECT_EQ(metrics_.error(IngestProtocol::kTcp, ParseError::kMissingField).Value(), 0);
  EXPECT_TRUE(log_.empty());
}

TEST_F(LineIngesterTest, CountsMalformedAndLogsOnlyTheFirstPerSource) {
  LineIngester ingester(IngestProtocol::kTcp, Target());
  ingester.Ingest("a x 1", source_, out_);
  ingester.Ingest("a y 1", source_, out_);
  ingester.CountLineTooLong(source_, 10);
  EXPECT_EQ(metrics_.error(IngestProtocol::kTcp, ParseError::kBadValue).Value(), 2);
  EXPECT_EQ(metrics_.error(IngestProtocol::kTcp, ParseError::kLineTooLong).Value(), 1);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_EQ(log_[0].rfind("warning: test peer: skipped a malformed line (bad_value)", 0), 0u)
      << log_[0];
  LineSource other{[] { return std::string("other peer"); }};
  ingester.Ingest("a", other, out_);
  EXPECT_EQ(log_.size(), 2u);
}

TEST_F(LineIngesterTest, RefusesSeriesBeyondCapAndLogsOnce) {
  LineIngester ingester(IngestProtocol::kTcp, Target());
  for (const char* line : {"s1 1 1", "s2 1 1", "s3 1 1", "s4 1 1", "s1 2 2"}) {
    ingester.Ingest(line, source_, out_);
  }
  EXPECT_EQ(out_.size(), 3u);
  EXPECT_EQ(metrics_.dropped_series_limit().Value(), 2);
  EXPECT_EQ(metrics_.received(IngestProtocol::kTcp).Value(), 5);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_NE(log_[0].find("series limit of 2"), std::string::npos) << log_[0];
}

}  // namespace
}  // namespace shapewatch
