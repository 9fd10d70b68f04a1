#include "daemon/ingest/listen_endpoint.h"

#include <boost/asio/ip/address.hpp>
#include <stdexcept>

namespace shapewatch {
namespace {

std::string_view StripBrackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

template <typename Protocol>
typename Protocol::endpoint Resolve(boost::asio::io_context& io, std::string_view host,
                                    std::uint16_t port) {
  const std::string name(StripBrackets(host));
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(name, ec);
  if (!ec) return typename Protocol::endpoint(address, port);
  typename Protocol::resolver resolver(io);
  const auto results =
      resolver.resolve(name, std::to_string(port), Protocol::resolver::passive, ec);
  if (ec || results.empty()) {
    throw std::runtime_error("cannot resolve listen address " + name + ":" + std::to_string(port) +
                             ": " + (ec ? ec.message() : "no address"));
  }
  return results.begin()->endpoint();
}

}  // namespace

boost::asio::ip::tcp::endpoint ResolveTcpEndpoint(boost::asio::io_context& io,
                                                  std::string_view host, std::uint16_t port) {
  return Resolve<boost::asio::ip::tcp>(io, host, port);
}

boost::asio::ip::udp::endpoint ResolveUdpEndpoint(boost::asio::io_context& io,
                                                  std::string_view host, std::uint16_t port) {
  return Resolve<boost::asio::ip::udp>(io, host, port);
}

std::string EndpointText(const boost::asio::ip::address& address, std::uint16_t port) {
  const std::string host = address.to_string();
  const std::string text = address.is_v6() ? "[" + host + "]" : host;
  return text + ":" + std::to_string(port);
}

}  // namespace shapewatch
