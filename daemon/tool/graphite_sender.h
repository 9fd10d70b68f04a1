// GraphiteSender: a blocking client that sends batches of Graphite plaintext
// lines to one address over TCP or UDP (Boost.Asio, synchronous). Errors name
// the peer and carry the system's reason. Not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace shapewatch::tool {

struct HostPort {
  std::string host, port;
  std::string ToString() const;  // "host:port", "[v6]:port"
};

// "host:port" or "[ipv6]:port"; nullopt when malformed.
std::optional<HostPort> ParseHostPort(std::string_view text);

class GraphiteSender {
 public:
  // Largest batch Send() accepts; for UDP one datagram of whole lines.
  static constexpr std::size_t kMaxTcpBatch = 64 * 1024;
  static constexpr std::size_t kMaxUdpDatagram = 1400;

  static Result<std::unique_ptr<GraphiteSender>> Connect(const HostPort& to, bool udp);
  virtual ~GraphiteSender() = default;

  // Sends whole lines; for UDP, `lines` is one datagram.
  virtual Status Send(std::string_view lines) = 0;
  // TCP: shuts down the write side and closes. UDP: closes.
  virtual Status Finish() = 0;
};

}  // namespace shapewatch::tool
