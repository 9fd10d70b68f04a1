#include "config/port_number.h"

#include <charconv>

namespace shapewatch {

PortNumber ParsePortNumber(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size()) {
    return {PortNumber::Problem::kNotANumber, 0};
  }
  if (ec == std::errc::result_out_of_range || value > 65535) {
    return {PortNumber::Problem::kOutOfRange, 0};
  }
  return {PortNumber::Problem::kNone, static_cast<std::uint16_t>(value)};
}

}  // namespace shapewatch
