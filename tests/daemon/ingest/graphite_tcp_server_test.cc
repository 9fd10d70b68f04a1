#include "daemon/ingest/graphite_tcp_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <thread>

#include "tests/daemon/ingest/ingest_test_bed.h"

namespace shapewatch {
namespace {

using boost::asio::ip::tcp;
using testing::IngestTestBed;
using testing::Lines;
using testing::TcpClient;

class GraphiteTcpServerTest : public ::testing::Test {
 protected:
  void Start(std::size_t queue_capacity = 1 << 16, std::size_t max_series = 1000,
             std::size_t max_line_length = 4096,
             tcp::endpoint endpoint = {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    bed_ = std::make_unique<IngestTestBed>(queue_capacity, max_series);
    server_ =
        std::make_unique<GraphiteTcpServer>(bed_->io, endpoint, bed_->Target(), max_line_length);
    bed_->StartIo();
  }

  void TearDown() override {
    if (!server_) return;
    StopServer();
    bed_->StopIo();
    server_.reset();
  }

  // Stops the server on the io thread and waits for on_stopped.
  void StopServer() {
    if (stopped_) return;
    stopped_ = true;
    std::promise<void> done;
    boost::asio::post(bed_->io, [&] { server_->Stop([&] { done.set_value(); }); });
    ASSERT_EQ(done.get_future().wait_for(testing::kDeadline), std::future_status::ready);
  }

  double Errors(ParseError reason) {
    return bed_->metrics.error(IngestProtocol::kTcp, reason).Value();
  }

  std::unique_ptr<IngestTestBed> bed_;
  std::unique_ptr<GraphiteTcpServer> server_;
  bool stopped_ = false;
};

void ExpectSequence(const std::vector<IngestedSample>& samples, int count) {
  ASSERT_EQ(samples.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    ASSERT_EQ(samples[i].value, i) << "sample " << i;
    ASSERT_EQ(samples[i].timestamp, i);
  }
}

TEST_F(GraphiteTcpServerTest, BindsAFreePort) {
  Start();
  EXPECT_NE(server_->port(), 0);
  EXPECT_EQ(server_->local_endpoint().address().to_string(), "127.0.0.1");
}

TEST_F(GraphiteTcpServerTest, ReceivesLinesSplitAtAwkwardBoundaries) {
  Start();
  TcpClient client(server_->local_endpoint());
  const std::string text = "a.b-c 1.5 100\r\nd 2 -1\nlast 3e2 300.5\n";
  std::size_t sent = 0;
  for (std::size_t cut : {1ul, 4ul, 9ul, 14ul, 15ul, 20ul, 21ul, text.size()}) {
    client.Send(std::string_view(text).substr(sent, cut - sent));
    sent = cut;
  }
  const auto samples = bed_->Collect(3);
  ASSERT_EQ(samples.size(), 3u);
  EXPECT_EQ(bed_->series.Name(samples[0].series), "a.b-c");
  EXPECT_EQ(samples[0].value, 1.5);
  EXPECT_EQ(samples[0].timestamp, 100.0);
  EXPECT_EQ(samples[1].timestamp, testing::kFixedNow);
  EXPECT_EQ(samples[2].value, 300.0);
  EXPECT_EQ(samples[2].timestamp, 300.5);
  EXPECT_EQ(bed_->metrics.received(IngestProtocol::kTcp).Value(), 3);
}

TEST_F(GraphiteTcpServerTest, ManyConcurrentClientsKeepPerSeriesOrder) {
  constexpr int kClients = 16;
  constexpr int kLines = 2000;
  Start();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([this, c] {
      TcpClient client(server_->local_endpoint());
      const std::string text = Lines("client." + std::to_string(c), 0, kLines);
      for (std::size_t at = 0; at < text.size(); at += 777) {
        client.Send(std::string_view(text).substr(at, 777));
      }
    });
  }
  const auto samples = bed_->Collect(kClients * kLines);
  for (auto& t : clients) t.join();
  ASSERT_EQ(samples.size(), std::size_t{kClients * kLines});
  std::map<std::uint32_t, int> next;
  for (const auto& s : samples) ASSERT_EQ(s.value, next[s.series]++);
  EXPECT_EQ(next.size(), std::size_t{kClients});
  EXPECT_EQ(bed_->metrics.connections_total().Value(), kClients);
}

TEST_F(GraphiteTcpServerTest, CountsMalformedLinesByReasonAndKeepsConnection) {
  Start();
  TcpClient client(server_->local_endpoint());
  client.Send(
      "good 0 0\n"
      "only_two 1\n"
      "a 1 2 3\n"
      "a x 1\n"
      "a nan 1\n"
      "a inf 1\n"
      "a 1 yesterday\n"
      "bad\x01name 1 1\n"
      "\n"
      "good 1 1\r\n");
  const auto samples = bed_->Collect(2);
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples[1].value, 1.0);
  EXPECT_EQ(Errors(ParseError::kMissingField), 1);
  EXPECT_EQ(Errors(ParseError::kExtraField), 1);
  EXPECT_EQ(Errors(ParseError::kBadValue), 1);
  EXPECT_EQ(Errors(ParseError::kNonFinite), 2);
  EXPECT_EQ(Errors(ParseError::kBadTimestamp), 1);
  EXPECT_EQ(Errors(ParseError::kBadName), 1);
  EXPECT_EQ(bed_->metrics.error(IngestProtocol::kUdp, ParseError::kBadValue).Value(), 0);
  const auto log = bed_->Log("warning");
  ASSERT_EQ(log.size(), 1u) << "only the first malformed line of a connection is logged";
  EXPECT_NE(log[0].find("graphite tcp 127.0.0.1:"), std::string::npos) << log[0];
  EXPECT_NE(log[0].find("missing_field"), std::string::npos) << log[0];
  client.Send("good 2 2\n");
  EXPECT_EQ(bed_->Collect(1).size(), 1u);
}

TEST_F(GraphiteTcpServerTest, SkipsOverLongLineAndParsesTheNext) {
  Start(1 << 16, 1000, /*max_line_length=*/64);
  TcpClient client(server_->local_endpoint());
  const std::string long_line = "long " + std::string(100000, '1') + " 1\n";
  client.Send(long_line.substr(0, 30000));
  client.Send(long_line.substr(30000) + "next 7 7\n");
  const auto samples = bed_->Collect(1);
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_EQ(bed_->series.Name(samples[0].series), "next");
  EXPECT_EQ(Errors(ParseError::kLineTooLong), 1);
}

TEST_F(GraphiteTcpServerTest, BackPressureLosesNothingAndKeepsOrder) {
  constexpr int kLines = 100000;
  Start(/*queue_capacity=*/64);
  std::thread sender([this] {
    TcpClient client(server_->local_endpoint());
    client.Send(Lines("bp", 0, kLines));
    client.CloseSend();
  });
  // The consumer is paused: the queue fills up and stays full.
  ASSERT_TRUE(IngestTestBed::WaitFor([&] { return bed_->queue.size() == 64; }));
  EXPECT_LT(bed_->metrics.received(IngestProtocol::kTcp).Value(), kLines);
  const auto samples = bed_->Collect(kLines);
  sender.join();
  ExpectSequence(samples, kLines);
  EXPECT_EQ(bed_->metrics.dropped_queue_full().Value(), 0);
  EXPECT_EQ(bed_->metrics.received(IngestProtocol::kTcp).Value(), kLines);
}

TEST_F(GraphiteTcpServerTest, RefusesSeriesBeyondTheCap) {
  Start(1 << 16, /*max_series=*/2);
  TcpClient client(server_->local_endpoint());
  client.Send("s1 1 1\ns2 2 2\ns3 3 3\ns1 4 4\n");
  const auto samples = bed_->Collect(3);
  ASSERT_EQ(samples.size(), 3u);
  EXPECT_EQ(samples[2].value, 4.0);
  EXPECT_EQ(bed_->metrics.dropped_series_limit().Value(), 1);
  EXPECT_EQ(bed_->series.size(), 2u);
}

TEST_F(GraphiteTcpServerTest, StopWithIdleClientClosesItAndCallsBack) {
  Start();
  TcpClient client(server_->local_endpoint());
  client.Send("x 1 1\n");
  ASSERT_EQ(bed_->Collect(1).size(), 1u);
  StopServer();
  EXPECT_TRUE(client.WaitForEof());
  EXPECT_EQ(bed_->metrics.connections().Value(), 0);
  boost::system::error_code ec;
  boost::asio::io_context io;
  tcp::socket late(io);
  late.connect(server_->local_endpoint(), ec);
  EXPECT_TRUE(ec) << "the acceptor is closed";
}

TEST_F(GraphiteTcpServerTest, StopQueuesEverySampleAlreadyParsed) {
  constexpr int kLines = 50000;
  Start(/*queue_capacity=*/64);
  TcpClient client(server_->local_endpoint());
  std::thread sender([&] {
    try {
      client.Send(Lines("stop", 0, kLines));
    } catch (const boost::system::system_error&) {
      // The server closed the connection before taking everything.
    }
  });
  ASSERT_TRUE(IngestTestBed::WaitFor([&] { return bed_->queue.size() == 64; }));
  std::promise<void> stopped;
  auto stopped_future = stopped.get_future();
  boost::asio::post(bed_->io, [&] { server_->Stop([&] { stopped.set_value(); }); });
  stopped_ = true;
  // Not before the paused session got its parsed samples into the queue.
  std::vector<IngestedSample> all;
  std::vector<IngestedSample> batch;
  while (stopped_future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
    if (bed_->queue.TryPopBatch(batch, 16)) all.insert(all.end(), batch.begin(), batch.end());
    std::this_thread::sleep_for(testing::kPollInterval);
  }
  while (bed_->queue.TryPopBatch(batch, 4096)) all.insert(all.end(), batch.begin(), batch.end());
  sender.join();
  const double received = bed_->metrics.received(IngestProtocol::kTcp).Value();
  ASSERT_GT(received, 64);
  ExpectSequence(all, static_cast<int>(received));
}

TEST(GraphiteTcpServerIpv6, ReceivesOnIpv6Loopback) {
  IngestTestBed bed;
  std::unique_ptr<GraphiteTcpServer> server;
  try {
    server = std::make_unique<GraphiteTcpServer>(
        bed.io, tcp::endpoint(boost::asio::ip::make_address("::1"), 0), bed.Target(), 4096);
  } catch (const std::system_error& e) {
    GTEST_SKIP() << "no IPv6 loopback: " << e.what();
  }
  bed.StartIo();
  {
    TcpClient client(server->local_endpoint());
    client.Send("v6 1 1\n");
    EXPECT_EQ(bed.Collect(1).size(), 1u);
  }
  std::promise<void> done;
  boost::asio::post(bed.io, [&] { server->Stop([&] { done.set_value(); }); });
  done.get_future().wait();
  bed.StopIo();
}

}  // namespace
}  // namespace shapewatch
