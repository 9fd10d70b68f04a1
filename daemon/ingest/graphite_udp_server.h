// GraphiteUdpServer: receives Graphite plaintext datagrams on one endpoint;
// each datagram holds one or more lines (the last may lack its '\n').
// UDP cannot push back, so samples that do not fit in the SampleQueue are
// dropped and counted as dropped{reason="queue_full"}.
//
// Threading: as GraphiteTcpServer — runs on the daemon's single io thread;
// construct/destroy on it or while the io_context is not running; call
// Stop() on it and wait for on_stopped before destroying.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <functional>
#include <vector>

#include "daemon/ingest/line_ingester.h"
#include "daemon/ingest/line_splitter.h"

namespace shapewatch {

class GraphiteUdpServer {
 public:
  // Binds `endpoint` (port 0 picks a free port) and starts receiving.
  // Throws std::system_error naming the address when it cannot bind.
  GraphiteUdpServer(boost::asio::io_context& io, const boost::asio::ip::udp::endpoint& endpoint,
                    IngestTarget target, std::size_t max_line_length);
  GraphiteUdpServer(const GraphiteUdpServer&) = delete;
  GraphiteUdpServer& operator=(const GraphiteUdpServer&) = delete;

  boost::asio::ip::udp::endpoint local_endpoint() const { return endpoint_; }
  std::uint16_t port() const { return endpoint_.port(); }

  // Closes the socket; on_stopped runs on the io thread once the pending
  // receive has finished.
  void Stop(std::function<void()> on_stopped);

 private:
  void Receive();
  void OnReceive(const boost::system::error_code& ec, std::size_t bytes);
  void Ingest(std::size_t bytes);
  void Push();
  void FinishStop();

  boost::asio::io_context& io_;
  boost::asio::ip::udp::socket socket_;
  boost::asio::ip::udp::endpoint endpoint_;
  boost::asio::ip::udp::endpoint sender_;
  LineIngester ingester_;
  const std::size_t max_line_length_;
  LineSource source_;
  LineSplitter splitter_;  // reused: one datagram at a time
  std::vector<char> buffer_;
  std::vector<IngestedSample> batch_;
  bool receiving_ = false;
  bool stopping_ = false;
  bool dropping_ = false;  // logged "queue full", not yet recovered
  std::function<void()> on_stopped_;
};

}  // namespace shapewatch
