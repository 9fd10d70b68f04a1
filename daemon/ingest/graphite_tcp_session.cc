#include "daemon/ingest/graphite_tcp_session.h"

#include <boost/asio/error.hpp>
#include <span>
#include <string_view>
#include <utility>

#include "daemon/ingest/listen_endpoint.h"

namespace shapewatch {
namespace {

constexpr std::size_t kReadBufferSize = 16 * 1024;  // per connection

std::string Describe(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  return "graphite tcp " + (ec ? std::string("(unknown peer)") : EndpointText(peer));
}

}  // namespace

GraphiteTcpSession::GraphiteTcpSession(boost::asio::ip::tcp::socket socket, TcpSessionHost& host,
                                       LineIngester& ingester, std::size_t max_line_length)
    : socket_(std::move(socket)),
      host_(host),
      ingester_(ingester),
      max_line_length_(max_line_length),
      source_{[peer = Describe(socket_)] { return peer; }},
      splitter_(max_line_length),
      buffer_(kReadBufferSize) {}

void GraphiteTcpSession::Start() {
  Log("debug", "connected");
  Read();
}

void GraphiteTcpSession::Log(std::string_view level, std::string_view what) const {
  const LogSink& log = ingester_.target().log;
  if (log) log(level, source_.describe() + ": " + std::string(what));
}

void GraphiteTcpSession::Read() {
  reading_ = true;
  socket_.async_read_some(
      boost::asio::buffer(buffer_),
      [self = shared_from_this()](const boost::system::error_code& ec, std::size_t bytes) {
        self->OnRead(ec, bytes);
      });
}

void GraphiteTcpSession::OnRead(const boost::system::error_code& ec, std::size_t bytes) {
  reading_ = false;
  Parse(bytes);
  if (ec == boost::asio::error::eof) {
    splitter_.Finish([&](std::string_view line) { ingester_.Ingest(line, source_, pending_); });
    finishing_ = true;
  } else if (ec) {
    LogIoError(ingester_.target().log, ec, source_.describe() + ": read");
    finishing_ = true;
  }
  Flush();
}

void GraphiteTcpSession::Parse(std::size_t bytes) {
  splitter_.Feed(
      std::string_view(buffer_.data(), bytes),
      [&](std::string_view line) { ingester_.Ingest(line, source_, pending_); },
      [&] { ingester_.CountLineTooLong(source_, max_line_length_); });
}

void GraphiteTcpSession::Flush() {
  const std::span<const IngestedSample> rest = std::span(pending_).subspan(pending_done_);
  pending_done_ += ingester_.target().queue.TryPush(rest);
  if (pending_done_ < pending_.size()) {
    paused_ = true;
    host_.Pause(shared_from_this());
    return;
  }
  pending_.clear();
  pending_done_ = 0;
  if (finishing_) {
    Close();
  } else {
    Read();
  }
}

void GraphiteTcpSession::Resume() {
  if (!paused_ || closed_) return;
  paused_ = false;
  Flush();
}

void GraphiteTcpSession::Stop() {
  if (closed_ || finishing_) return;
  finishing_ = true;
  if (reading_) {
    boost::system::error_code ignored;
    socket_.cancel(ignored);  // OnRead runs with operation_aborted, then closes
  } else if (!paused_) {
    Close();
  }
}

void GraphiteTcpSession::Close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  Log("debug", "closed");
  host_.Closed(this);
}

}  // namespace shapewatch
