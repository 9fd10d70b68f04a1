// "host:port" and "[ipv6]:port" listening addresses.
#include <string>

#include "config/daemon_config.h"
#include "config/port_number.h"

namespace shapewatch {
namespace {

constexpr std::string_view kExpected = "(expected HOST:PORT, e.g. 127.0.0.1:2003 or [::1]:2003)";

Result<std::uint16_t> ParsePort(std::string_view text, std::string_view address) {
  const PortNumber port = ParsePortNumber(text);
  switch (port.problem) {
    case PortNumber::Problem::kNone:
      return port.value;
    case PortNumber::Problem::kNotANumber:
      return Error{"bad port '" + std::string(text) + "' in '" + std::string(address) +
                   "' (expected a number from 0 to 65535)"};
    case PortNumber::Problem::kOutOfRange:
      break;
  }
  return Error{"port " + std::string(text) + " in '" + std::string(address) +
               "' is out of range (0 to 65535)"};
}

bool IsHostChar(char c, bool bracketed) {
  bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (bracketed) return alnum || c == ':' || c == '.' || c == '%';
  return alnum || c == '-' || c == '.' || c == '_';
}

Result<ListenAddress> Make(std::string_view host, std::string_view port_text,
                           std::string_view address, bool bracketed) {
  if (host.empty()) {
    return Error{"missing host in '" + std::string(address) +
                 "' (use 0.0.0.0 or [::] to listen on every interface)"};
  }
  for (char c : host) {
    if (!IsHostChar(c, bracketed)) {
      return Error{"bad host '" + std::string(host) + "' in '" + std::string(address) + "'"};
    }
  }
  Result<std::uint16_t> port = ParsePort(port_text, address);
  if (!port) return Error{port.error()};
  return ListenAddress{std::string(host), *port};
}

Result<ListenAddress> ParseBracketed(std::string_view text) {
  std::size_t close = text.find(']');
  if (close == std::string_view::npos) {
    return Error{"unterminated '[' in '" + std::string(text) + "' " + std::string(kExpected)};
  }
  std::string_view rest = text.substr(close + 1);
  if (rest.empty() || rest[0] != ':') {
    return Error{"missing port in '" + std::string(text) + "' " + std::string(kExpected)};
  }
  return Make(text.substr(1, close - 1), rest.substr(1), text, true);
}

}  // namespace

std::string ListenAddress::ToString() const {
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  if (text.empty()) return Error{"empty address " + std::string(kExpected)};
  if (text[0] == '[') return ParseBracketed(text);
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return Error{"missing port in '" + std::string(text) + "' " + std::string(kExpected)};
  }
  std::string_view host = text.substr(0, colon);
  if (host.find(':') != std::string_view::npos) {
    return Error{"IPv6 address in '" + std::string(text) + "' needs brackets: [" +
                 std::string(host) + "]:" + std::string(text.substr(colon + 1))};
  }
  return Make(host, text.substr(colon + 1), text, false);
}

}  // namespace shapewatch
