// Minimal blocking HTTP/1.1 client (Boost.Beast) for tests: scraping
// /metrics, querying Prometheus' and Alertmanager's APIs on loopback.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace shapewatch::testing {

struct HttpResponse {
  int status = 0;
  std::string body;
};

// nullopt when the connection fails or times out.
std::optional<HttpResponse> HttpRequest(
    const std::string& host, int port, const std::string& method, const std::string& target,
    const std::string& body = "", const std::string& content_type = "",
    std::chrono::milliseconds timeout = std::chrono::seconds(10));

inline std::optional<HttpResponse> HttpGet(const std::string& host, int port,
                                           const std::string& target) {
  return HttpRequest(host, port, "GET", target);
}

std::string UrlEncode(const std::string& s);

// Prometheus text exposition: "name{labels}" exactly as written -> value.
std::map<std::string, double> ParseMetricsText(const std::string& text);

// Scrapes http://host:port/metrics; empty map when unreachable.
std::map<std::string, double> Scrape(const std::string& host, int port);

// The value of `key` in a scrape, or nullopt.
std::optional<double> Metric(const std::map<std::string, double>& metrics, const std::string& key);

// Polls `probe` until it returns true or `timeout` passes. For waiting on
// another process's state, which offers nothing to block on.
bool Eventually(const std::function<bool()>& probe, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(50));

}  // namespace shapewatch::testing
