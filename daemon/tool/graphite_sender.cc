#include "daemon/tool/graphite_sender.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/write.hpp>

namespace shapewatch::tool {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

Error Fail(std::string_view what, const HostPort& to, std::string_view protocol,
           const error_code& ec) {
  return Error{std::string(what) + " " + to.ToString() + " (" + std::string(protocol) +
               "): " + ec.message()};
}

// Resolves and connects a TCP or UDP socket (UDP connect only fixes the peer).
template <typename Protocol>
class AsioSender : public GraphiteSender {
 public:
  explicit AsioSender(HostPort to) : to_(std::move(to)), socket_(io_) {}

  std::optional<Error> Open() {
    error_code ec;
    typename Protocol::resolver resolver(io_);
    const auto endpoints = resolver.resolve(to_.host, to_.port, ec);
    if (!ec) asio::connect(socket_, endpoints, ec);
    if (ec) return Fail("cannot connect to", to_, Name(), ec);
    return std::nullopt;
  }

  Status Send(std::string_view lines) override {
    error_code ec;
    if constexpr (std::is_same_v<Protocol, asio::ip::tcp>) {
      asio::write(socket_, asio::buffer(lines.data(), lines.size()), ec);
    } else {
      socket_.send(asio::buffer(lines.data(), lines.size()), 0, ec);
    }
    if (ec) return Status::Fail(Fail("cannot send to", to_, Name(), ec).message);
    return Status::Ok();
  }

  Status Finish() override {
    error_code ec;
    if constexpr (std::is_same_v<Protocol, asio::ip::tcp>) {
      socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    }
    if (!ec) socket_.close(ec);
    if (ec) return Status::Fail(Fail("cannot close connection to", to_, Name(), ec).message);
    return Status::Ok();
  }

 private:
  static std::string_view Name() { return std::is_same_v<Protocol, asio::ip::tcp> ? "tcp" : "udp"; }

  HostPort to_;
  asio::io_context io_;
  typename Protocol::socket socket_;
};

template <typename Protocol>
Result<std::unique_ptr<GraphiteSender>> Open(const HostPort& to) {
  auto sender = std::make_unique<AsioSender<Protocol>>(to);
  if (std::optional<Error> error = sender->Open()) return *error;
  return std::unique_ptr<GraphiteSender>(std::move(sender));
}

bool ValidPort(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
  }
  const int value = std::stoi(std::string(port));
  return value >= 1 && value <= 65535;
}

}  // namespace

std::string HostPort::ToString() const {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port;
}

std::optional<HostPort> ParseHostPort(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return std::nullopt;  // an IPv6 address needs brackets
  }
  if (host.empty() || !ValidPort(port)) return std::nullopt;
  return HostPort{std::string(host), std::string(port)};
}

Result<std::unique_ptr<GraphiteSender>> GraphiteSender::Connect(const HostPort& to, bool udp) {
  return udp ? Open<asio::ip::udp>(to) : Open<asio::ip::tcp>(to);
}

}  // namespace shapewatch::tool
