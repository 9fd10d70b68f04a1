// ParsePortNumber: a TCP/UDP port written in decimal, as listen addresses
// and Alertmanager URLs spell it. The callers word their own errors (a
// listen port may be 0, a URL's may not). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace shapewatch {

struct PortNumber {
  enum class Problem { kNone, kNotANumber, kOutOfRange };
  Problem problem = Problem::kNotANumber;
  std::uint16_t value = 0;  // when problem is kNone
};

// kNotANumber unless `text` is one or more digits and nothing else;
// kOutOfRange above 65535.
PortNumber ParsePortNumber(std::string_view text);

}  // namespace shapewatch
