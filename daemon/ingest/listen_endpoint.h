// Turns a configured host and port into the endpoint a Graphite server
// binds, and endpoints into the "host:port" text that log lines name.
// Start-up helpers; thread-safe (no shared state).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace shapewatch {

// `host` is an IPv4/IPv6 literal ("[::1]" brackets allowed) or a name,
// resolved synchronously (first address wins). Throws std::runtime_error
// naming host:port and the resolver's reason when it cannot be resolved.
boost::asio::ip::tcp::endpoint ResolveTcpEndpoint(boost::asio::io_context& io,
                                                  std::string_view host, std::uint16_t port);
boost::asio::ip::udp::endpoint ResolveUdpEndpoint(boost::asio::io_context& io,
                                                  std::string_view host, std::uint16_t port);

// "127.0.0.1:2003", "[::1]:2003".
std::string EndpointText(const boost::asio::ip::address& address, std::uint16_t port);

template <typename Endpoint>
std::string EndpointText(const Endpoint& endpoint) {
  return EndpointText(endpoint.address(), endpoint.port());
}

}  // namespace shapewatch
