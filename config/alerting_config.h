// AlertingConfig: the `alerting:` section — where shapewatchd sends its own
// alerts (Alertmanager's v2 API) and how an anomaly becomes an alert. Plain
// values; safe to copy between threads. A SIGHUP applies changes while alerting
// stays on, except queue_capacity; switching it on or off takes a restart.
//
//   alerting:
//     alertmanagers: []          # "http://host:port[/path-prefix]"; none: off
//     labels: {}                 # extra labels on every alert
//     basic_auth:                # optional
//       username: ""
//       password: ""
//     for: 30s                   # durations: "500ms", "30s", "5m", "1h30m", "1d", or seconds
//     recovery: 60s
//     resend_interval: 60s
//     queue_capacity: 1024
//     timeout: 10s
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace shapewatch {

// "http://host[:port][/path-prefix]". Plain HTTP only: put a TLS-terminating
// proxy in front of an https-only Alertmanager.
struct HttpUrl {
  std::string host;  // a name, an IPv4 literal or an IPv6 literal (no brackets)
  std::uint16_t port = 80;
  std::string path;              // prefix without a trailing '/': "" or "/alertmanager"
  std::string ToString() const;  // "http://127.0.0.1:9093/prefix"
  bool operator==(const HttpUrl&) const = default;
};
Result<HttpUrl> ParseHttpUrl(std::string_view text);

// "30s", "1m30s", "250ms", "2h", "1d", or a bare (decimal) number of seconds.
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

struct AlertingConfig {
  std::vector<HttpUrl> alertmanagers;         // every alert goes to each; empty: alerting off
  std::map<std::string, std::string> labels;  // added to every alert's labels
  std::string username;                       // HTTP basic auth when not empty
  std::string password;
  // An anomaly fires once it has held this long, from its first anomalous
  // hop to the end of its latest (a hop holds until the series' next one),
  // its latest two anomalous hops consecutive or both within the last
  // `for`; 0 fires on the first (AlertTracker).
  std::chrono::milliseconds for_duration{std::chrono::seconds(30)};
  // A series is normal again, and its alert resolved, after this long
  // without an anomalous hop holding, or once fewer than 1 in 50 of at
  // least 50 hops over this long were anomalous; shorter quiet spells
  // within an anomaly do not end it.
  std::chrono::milliseconds recovery{std::chrono::seconds(60)};
  // A firing alert is sent again this often (Alertmanager expects resends).
  std::chrono::milliseconds resend_interval{std::chrono::seconds(60)};
  // Alerts waiting for delivery, per Alertmanager; the oldest is dropped beyond.
  std::size_t queue_capacity = 1024;
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};  // per HTTP request

  bool enabled() const { return !alertmanagers.empty(); }
  bool operator==(const AlertingConfig&) const = default;
};

}  // namespace shapewatch
