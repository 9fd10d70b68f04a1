// GraphiteTcpServer: accepts Graphite plaintext connections on one endpoint
// and runs a GraphiteTcpSession for each. TCP loses nothing: sessions that
// find the SampleQueue full stop reading; the queue's space-available
// callback (installed here, replacing any other) only posts a resume to the
// io_context, which retries every paused session in turn.
//
// Threading: the daemon's single io thread runs everything. Construct it
// (it binds and starts accepting) and destroy it either on that thread or
// while the io_context is not running; call Stop() on that thread. To
// shut down, call Stop() and wait for on_stopped before destroying.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "daemon/ingest/graphite_tcp_session.h"
#include "daemon/ingest/line_ingester.h"

namespace shapewatch {

class GraphiteTcpServer : private TcpSessionHost {
 public:
  // Binds `endpoint` (port 0 picks a free port) and starts accepting.
  // Throws std::system_error naming the address when it cannot listen.
  GraphiteTcpServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
                    IngestTarget target, std::size_t max_line_length);
  ~GraphiteTcpServer();
  GraphiteTcpServer(const GraphiteTcpServer&) = delete;
  GraphiteTcpServer& operator=(const GraphiteTcpServer&) = delete;

  boost::asio::ip::tcp::endpoint local_endpoint() const { return endpoint_; }
  std::uint16_t port() const { return endpoint_.port(); }
  std::size_t open_connections() const { return sessions_.size(); }

  // Closes the acceptor and stops every session from reading; samples
  // already parsed still go into the queue (waiting for room as usual),
  // then the sockets close and on_stopped runs on the io thread.
  void Stop(std::function<void()> on_stopped);

 private:
  void Accept();
  void OnAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);
  void RetryAcceptLater();
  void ResumePaused();
  void Pause(std::shared_ptr<GraphiteTcpSession> session) override;
  void Closed(GraphiteTcpSession* session) override;
  void FinishStopIfIdle();
  TcpSessionHost& Host() { return *this; }

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ip::tcp::endpoint endpoint_;
  boost::asio::steady_timer accept_retry_;
  LineIngester ingester_;
  const std::size_t max_line_length_;
  std::unordered_map<GraphiteTcpSession*, std::shared_ptr<GraphiteTcpSession>> sessions_;
  std::vector<std::shared_ptr<GraphiteTcpSession>> paused_;
  std::shared_ptr<char> alive_;  // resume handlers posted by the queue check it
  bool accepting_ = false;       // an accept or its retry timer is in flight
  bool stopping_ = false;
  std::function<void()> on_stopped_;
};

}  // namespace shapewatch
