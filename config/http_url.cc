// "http://host:port/prefix" URLs of Alertmanagers.
#include <string>

#include "config/alerting_config.h"
#include "config/port_number.h"

namespace shapewatch {
namespace {

constexpr std::string_view kScheme = "http://";

Result<std::uint16_t> ParsePort(std::string_view text, std::string_view url) {
  const PortNumber port = ParsePortNumber(text);
  if (port.problem != PortNumber::Problem::kNone || port.value == 0) {
    return Error{"invalid port in URL '" + std::string(url) + "'"};
  }
  return port.value;
}

// Splits "host[:port]" or "[v6][:port]" into url.host / url.port.
Status ParseAuthority(std::string_view authority, std::string_view text, HttpUrl& url) {
  std::string_view port;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos)
      return Status::Fail("unclosed '[' in URL '" + std::string(text) + "'");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':'))
      return Status::Fail("invalid URL '" + std::string(text) + "'");
    if (!rest.empty())
      port = rest.substr(1);
    else
      port = "80";
  } else {
    const std::size_t colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    port = colon == std::string_view::npos ? "80" : authority.substr(colon + 1);
  }
  if (url.host.empty()) return Status::Fail("no host in URL '" + std::string(text) + "'");
  Result<std::uint16_t> number = ParsePort(port, text);
  if (!number) return Status::Fail(number.error());
  url.port = *number;
  return Status::Ok();
}

}  // namespace

std::string HttpUrl::ToString() const {
  const bool v6 = host.find(':') != std::string::npos;
  return std::string(kScheme) + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + path;
}

Result<HttpUrl> ParseHttpUrl(std::string_view text) {
  if (text.starts_with("https://")) {
    return Error{"https is not supported ('" + std::string(text) +
                 "'); use http:// or a TLS-terminating proxy"};
  }
  if (!text.starts_with(kScheme)) {
    return Error{"expected http://host:port[/path], got '" + std::string(text) + "'"};
  }
  std::string_view rest = text.substr(kScheme.size());
  if (rest.find_first_of("?#@") != std::string_view::npos) {
    return Error{"URL '" + std::string(text) +
                 "' may not hold a query, fragment or user (use basic_auth)"};
  }
  const std::size_t slash = rest.find('/');
  HttpUrl url;
  if (Status s = ParseAuthority(rest.substr(0, slash), text, url); !s.ok()) return Error{s.error()};
  if (slash != std::string_view::npos) url.path = std::string(rest.substr(slash));
  while (!url.path.empty() && url.path.back() == '/') url.path.pop_back();
  return url;
}

}  // namespace shapewatch
