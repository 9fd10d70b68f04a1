// Alert: one alert as Alertmanager's v2 API takes it, and the JSON body of
// POST /api/v2/alerts. Plain values; safe to copy between threads.
#pragma once

#include <chrono>
#include <map>
#include <span>
#include <string>

namespace shapewatch {

using AlertTime = std::chrono::system_clock::time_point;

struct Alert {
  std::string key;  // the series: a newer Alert with the same key supersedes an older one
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  AlertTime starts_at;
  AlertTime ends_at;  // in the past (or now) for a resolved alert
  bool resolved = false;
};

// "2024-05-01T12:00:00.250Z"
std::string FormatRfc3339(AlertTime t);

// A JSON array of {labels, annotations, startsAt, endsAt}.
std::string AlertsToJson(std::span<const Alert> alerts);

}  // namespace shapewatch
