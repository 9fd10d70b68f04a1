#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "daemon/alert/alert.h"

namespace shapewatch {

std::string FormatRfc3339(AlertTime t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
  const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[80];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms.count() % 1000));
  return text;
}

std::string AlertsToJson(std::span<const Alert> alerts) {
  nlohmann::json body = nlohmann::json::array();
  for (const Alert& a : alerts) {
    body.push_back({{"labels", a.labels},
                    {"annotations", a.annotations},
                    {"startsAt", FormatRfc3339(a.starts_at)},
                    {"endsAt", FormatRfc3339(a.ends_at)}});
  }
  // Series names come from the network; replace rather than throw on bad UTF-8.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace shapewatch
