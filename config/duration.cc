// Durations in the configuration: "30s", "1m30s", "250ms" or bare seconds.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "config/alerting_config.h"

namespace shapewatch {
namespace {

constexpr double kMaxMs = 366.0 * 24 * 3600 * 1000;  // a year; beyond is a typo

// Milliseconds per unit, or 0 for an unknown unit.
double UnitMs(std::string_view unit) {
  if (unit == "ms") return 1;
  if (unit == "s") return 1e3;
  if (unit == "m") return 60e3;
  if (unit == "h") return 3600e3;
  if (unit == "d") return 86400e3;
  return 0;
}

// A number at the start of `text`, advancing it; nullopt when there is none.
std::optional<double> TakeNumber(std::string_view& text) {
  double value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || !std::isfinite(value) || value < 0) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

// Sums "<number><unit>" parts; nullopt when the text is anything else.
std::optional<double> SumParts(std::string_view text) {
  double total = 0;
  if (text.empty()) return std::nullopt;
  while (!text.empty()) {
    std::optional<double> number = TakeNumber(text);
    if (!number) return std::nullopt;
    const std::size_t unit_len = std::min(text.find_first_of("0123456789."), text.size());
    const double ms = UnitMs(text.substr(0, unit_len));
    if (ms == 0) return std::nullopt;
    total += *number * ms;
    text.remove_prefix(unit_len);
  }
  return total;
}

}  // namespace

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  std::string quoted(1, '\'');  // appended, not operator+: GCC 12 -Wrestrict false positive
  quoted.append(text).push_back('\'');
  std::optional<double> ms;
  std::string_view bare = text;
  if (std::optional<double> seconds = TakeNumber(bare); seconds && bare.empty()) {
    ms = *seconds * 1e3;
  } else {
    ms = SumParts(text);
  }
  if (!ms) {
    return Error{"expected a duration like 30s, 5m, 250ms or 1h30m, got " + quoted};
  }
  if (*ms > kMaxMs) return Error{"duration " + quoted + " is too long"};
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*ms)));
}

}  // namespace shapewatch
