#include "tests/integration/support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <cstdio>
#include <sstream>
#include <thread>
#include <utility>  // before Asio: Boost 1.74 misses it under C++20

namespace shapewatch::testing {
namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
}  // namespace

std::optional<HttpResponse> HttpRequest(const std::string& host, int port,
                                        const std::string& method, const std::string& target,
                                        const std::string& body, const std::string& content_type,
                                        std::chrono::milliseconds timeout) {
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    stream.connect(
        asio::ip::tcp::endpoint(asio::ip::make_address(host), static_cast<unsigned short>(port)));
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, host + ":" + std::to_string(port));
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    return HttpResponse{static_cast<int>(res.result_int()), res.body()};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::map<std::string, double> ParseMetricsText(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t brace = line.find('}');
    const std::size_t split = line.find(' ', brace == std::string::npos ? 0 : brace);
    if (split == std::string::npos) continue;
    std::string value = line.substr(split + 1);
    if (auto sp = value.find(' '); sp != std::string::npos) value.resize(sp);
    try {
      out[line.substr(0, split)] = std::stod(value);
    } catch (const std::exception&) {
      if (value == "+Inf") out[line.substr(0, split)] = HUGE_VAL;
    }
  }
  return out;
}

std::map<std::string, double> Scrape(const std::string& host, int port) {
  auto res = HttpGet(host, port, "/metrics");
  if (!res || res->status != 200) return {};
  return ParseMetricsText(res->body);
}

std::optional<double> Metric(const std::map<std::string, double>& metrics, const std::string& key) {
  auto it = metrics.find(key);
  if (it == metrics.end()) return std::nullopt;
  return it->second;
}

bool Eventually(const std::function<bool()>& probe, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (probe()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace shapewatch::testing
