#include "daemon/ingest/graphite_udp_server.h"

#include <boost/asio/post.hpp>
#include <string_view>
#include <system_error>
#include <utility>

#include "daemon/ingest/listen_endpoint.h"

namespace shapewatch {
namespace {

using boost::asio::ip::udp;

constexpr std::size_t kMaxDatagram = 64 * 1024;

udp::socket Bind(boost::asio::io_context& io, const udp::endpoint& endpoint) {
  udp::socket socket(io);
  boost::system::error_code ec;
  socket.open(endpoint.protocol(), ec);
  if (!ec) socket.bind(endpoint, ec);
  if (ec) {
    throw std::system_error(ec, "cannot listen for graphite udp on " + EndpointText(endpoint));
  }
  return socket;
}

}  // namespace

GraphiteUdpServer::GraphiteUdpServer(boost::asio::io_context& io, const udp::endpoint& endpoint,
                                     IngestTarget target, std::size_t max_line_length)
    : io_(io),
      socket_(Bind(io, endpoint)),
      endpoint_(socket_.local_endpoint()),
      ingester_(IngestProtocol::kUdp, std::move(target)),
      max_line_length_(max_line_length),
      source_{[this] { return "graphite udp from " + EndpointText(sender_); }},
      splitter_(max_line_length),
      buffer_(kMaxDatagram) {
  Receive();
}

void GraphiteUdpServer::Receive() {
  receiving_ = true;
  socket_.async_receive_from(
      boost::asio::buffer(buffer_), sender_,
      [this](const boost::system::error_code& ec, std::size_t bytes) { OnReceive(ec, bytes); });
}

void GraphiteUdpServer::OnReceive(const boost::system::error_code& ec, std::size_t bytes) {
  receiving_ = false;
  if (stopping_) return FinishStop();
  if (ec) {
    LogIoError(ingester_.target().log, ec,
               "graphite udp on " + EndpointText(endpoint_) + ": receive");
  } else {
    Ingest(bytes);
    Push();
  }
  Receive();
}

void GraphiteUdpServer::Ingest(std::size_t bytes) {
  const auto on_line = [&](std::string_view line) { ingester_.Ingest(line, source_, batch_); };
  splitter_.Feed(std::string_view(buffer_.data(), bytes), on_line,
                 [&] { ingester_.CountLineTooLong(source_, max_line_length_); });
  splitter_.Finish(on_line);  // a datagram's last line may lack its '\n'
}

void GraphiteUdpServer::Push() {
  const std::size_t pushed = ingester_.target().queue.TryPush(batch_);
  const std::size_t dropped = batch_.size() - pushed;
  batch_.clear();
  if (dropped == 0) {
    dropping_ = false;
    return;
  }
  ingester_.target().metrics.dropped_queue_full().Increment(static_cast<double>(dropped));
  if (dropping_ || !ingester_.target().log) return;
  dropping_ = true;
  ingester_.target().log("warning", source_.describe() +
                                        ": sample queue full, dropping UDP samples until it "
                                        "has room (see shapewatch_samples_dropped_total)");
}

void GraphiteUdpServer::Stop(std::function<void()> on_stopped) {
  stopping_ = true;
  on_stopped_ = std::move(on_stopped);
  boost::system::error_code ignored;
  socket_.close(ignored);  // the pending receive ends with operation_aborted
  if (!receiving_) FinishStop();
}

void GraphiteUdpServer::FinishStop() {
  if (on_stopped_) boost::asio::post(io_, std::exchange(on_stopped_, nullptr));
}

}  // namespace shapewatch
