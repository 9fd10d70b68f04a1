#include "daemon/ingest/graphite_udp_server.h"

#include <gtest/gtest.h>

#include <future>
#include <memory>

#include "tests/daemon/ingest/ingest_test_bed.h"

namespace shapewatch {
namespace {

using boost::asio::ip::udp;
using testing::IngestTestBed;
using testing::SendDatagram;

class GraphiteUdpServerTest : public ::testing::Test {
 protected:
  void Start(std::size_t queue_capacity = 1 << 16, std::size_t max_series = 1000,
             std::size_t max_line_length = 4096) {
    bed_ = std::make_unique<IngestTestBed>(queue_capacity, max_series);
    server_ = std::make_unique<GraphiteUdpServer>(
        bed_->io, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0), bed_->Target(),
        max_line_length);
    bed_->StartIo();
  }

  void TearDown() override {
    if (!server_) return;
    std::promise<void> done;
    boost::asio::post(bed_->io, [&] { server_->Stop([&] { done.set_value(); }); });
    EXPECT_EQ(done.get_future().wait_for(testing::kDeadline), std::future_status::ready);
    bed_->StopIo();
  }

  double Errors(ParseError reason) {
    return bed_->metrics.error(IngestProtocol::kUdp, reason).Value();
  }

  std::unique_ptr<IngestTestBed> bed_;
  std::unique_ptr<GraphiteUdpServer> server_;
};

TEST_F(GraphiteUdpServerTest, DatagramWithSeveralLinesLastUnterminated) {
  Start();
  EXPECT_NE(server_->port(), 0);
  SendDatagram(server_->local_endpoint(), "u.a 1 10\nu.b 2 20\r\nu.a 3 -1");
  const auto samples = bed_->Collect(3);
  ASSERT_EQ(samples.size(), 3u);
  EXPECT_EQ(bed_->series.Name(samples[1].series), "u.b");
  EXPECT_EQ(samples[2].value, 3.0);
  EXPECT_EQ(samples[2].timestamp, testing::kFixedNow);
  EXPECT_EQ(bed_->metrics.received(IngestProtocol::kUdp).Value(), 3);
  EXPECT_EQ(bed_->metrics.received(IngestProtocol::kTcp).Value(), 0);
}

TEST_F(GraphiteUdpServerTest, CountsMalformedLinesAndKeepsGoodOnes) {
  Start(1 << 16, 1000, /*max_line_length=*/32);
  SendDatagram(server_->local_endpoint(),
               "a 1\nb x 1\n" + std::string(100, 'z') + "\nc 1 2 3\ngood 1 1\n");
  ASSERT_EQ(bed_->Collect(1).size(), 1u);
  EXPECT_EQ(Errors(ParseError::kMissingField), 1);
  EXPECT_EQ(Errors(ParseError::kBadValue), 1);
  EXPECT_EQ(Errors(ParseError::kLineTooLong), 1);
  EXPECT_EQ(Errors(ParseError::kExtraField), 1);
  const auto log = bed_->Log("warning");
  ASSERT_FALSE(log.empty());
  EXPECT_NE(log[0].find("graphite udp from 127.0.0.1:"), std::string::npos) << log[0];
}

TEST_F(GraphiteUdpServerTest, DropsAndCountsWhenQueueIsFull) {
  Start(/*queue_capacity=*/4);
  SendDatagram(server_->local_endpoint(), testing::Lines("full", 0, 10));
  ASSERT_TRUE(
      IngestTestBed::WaitFor([&] { return bed_->metrics.dropped_queue_full().Value() == 6; }));
  EXPECT_EQ(bed_->queue.size(), 4u);
  EXPECT_EQ(bed_->metrics.received(IngestProtocol::kUdp).Value(), 10);
  const auto samples = bed_->Collect(4);
  ASSERT_EQ(samples.size(), 4u);
  EXPECT_EQ(samples[3].value, 3.0);
  // Room again: the next datagram is taken whole.
  SendDatagram(server_->local_endpoint(), "full 10 10\n");
  ASSERT_EQ(bed_->Collect(1).size(), 1u);
  EXPECT_EQ(bed_->metrics.dropped_queue_full().Value(), 6);
}

TEST_F(GraphiteUdpServerTest, RefusesSeriesBeyondTheCap) {
  Start(1 << 16, /*max_series=*/1);
  SendDatagram(server_->local_endpoint(), "one 1 1\ntwo 2 2\none 3 3\n");
  const auto samples = bed_->Collect(2);
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[1].value, 3.0);
  EXPECT_EQ(bed_->metrics.dropped_series_limit().Value(), 1);
}

}  // namespace
}  // namespace shapewatch
