#include "daemon/ingest/graphite_tcp_server.h"

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <string>
#include <system_error>
#include <utility>

#include "daemon/ingest/listen_endpoint.h"

namespace shapewatch {
namespace {

constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(500);

using boost::asio::ip::tcp;

tcp::acceptor Listen(boost::asio::io_context& io, const tcp::endpoint& endpoint) {
  tcp::acceptor acceptor(io);
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(tcp::acceptor::max_listen_connections, ec);
  if (ec) {
    throw std::system_error(ec, "cannot listen for graphite tcp on " + EndpointText(endpoint));
  }
  return acceptor;
}

}  // namespace

GraphiteTcpServer::GraphiteTcpServer(boost::asio::io_context& io, const tcp::endpoint& endpoint,
                                     IngestTarget target, std::size_t max_line_length)
    : io_(io),
      acceptor_(Listen(io, endpoint)),
      endpoint_(acceptor_.local_endpoint()),
      accept_retry_(io),
      ingester_(IngestProtocol::kTcp, std::move(target)),
      max_line_length_(max_line_length),
      alive_(std::make_shared<char>()) {
  ingester_.target().queue.SetSpaceAvailableCallback(
      [this, &io = io_, alive = std::weak_ptr<char>(alive_)] {
        boost::asio::post(io, [this, alive] {
          if (alive.lock()) ResumePaused();
        });
      });
  Accept();
}

GraphiteTcpServer::~GraphiteTcpServer() {
  ingester_.target().queue.SetSpaceAvailableCallback(nullptr);
}

void GraphiteTcpServer::Accept() {
  accepting_ = true;
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void GraphiteTcpServer::OnAccept(const boost::system::error_code& ec, tcp::socket socket) {
  accepting_ = false;
  if (stopping_) return FinishStopIfIdle();
  if (ec) {
    LogIoError(ingester_.target().log, ec, "graphite tcp accept on " + EndpointText(endpoint_));
    return RetryAcceptLater();  // e.g. out of file descriptors: do not spin
  }
  auto session =
      std::make_shared<GraphiteTcpSession>(std::move(socket), Host(), ingester_, max_line_length_);
  sessions_.emplace(session.get(), session);
  ingester_.target().metrics.connections().Increment();
  ingester_.target().metrics.connections_total().Increment();
  session->Start();
  Accept();
}

void GraphiteTcpServer::RetryAcceptLater() {
  accepting_ = true;
  accept_retry_.expires_after(kAcceptRetryDelay);
  accept_retry_.async_wait([this](const boost::system::error_code&) {
    accepting_ = false;
    if (stopping_) return FinishStopIfIdle();
    Accept();
  });
}

void GraphiteTcpServer::Pause(std::shared_ptr<GraphiteTcpSession> session) {
  paused_.push_back(std::move(session));
}

void GraphiteTcpServer::ResumePaused() {
  // A session that finds the queue full again re-registers itself.
  auto waiting = std::exchange(paused_, {});
  for (auto& session : waiting) session->Resume();
}

void GraphiteTcpServer::Closed(GraphiteTcpSession* session) {
  // The caller still holds a reference (its handler or the resume loop).
  sessions_.erase(session);
  ingester_.target().metrics.connections().Decrement();
  FinishStopIfIdle();
}

void GraphiteTcpServer::Stop(std::function<void()> on_stopped) {
  stopping_ = true;
  on_stopped_ = std::move(on_stopped);
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  std::vector<std::shared_ptr<GraphiteTcpSession>> all;
  for (auto& [ptr, session] : sessions_) all.push_back(session);
  for (auto& session : all) session->Stop();
  FinishStopIfIdle();
}

void GraphiteTcpServer::FinishStopIfIdle() {
  if (!stopping_ || accepting_ || !sessions_.empty() || !on_stopped_) return;
  boost::asio::post(io_, std::exchange(on_stopped_, nullptr));
}

}  // namespace shapewatch
